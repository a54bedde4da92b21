// SPDX-License-Identifier: GPL-2.0
/*
 * rom.c - placing the VMI ROM: the sealed image in the guest's option-ROM
 * window, and in the shim's state (mapped by build_shim_range) the copy of
 * Xen's hypercall page and the boot block the shim's Init reads.
 *
 * Never: place a ROM that the guest's scan could not find whole, or let a
 * rom= value wrap or overlap the window's end.
 */
#include "rom-layout/pvboot/pvboot.h"

extern const uint8_t rom_blob[], rom_blob_end[];

uint32_t rom_image_len(void)
{
	return rom_blob_end - rom_blob;
}

const struct vmix_rom_private *rom_priv(void)
{
	uint32_t len = rom_image_len();
	uint32_t off = *(const uint32_t *)(rom_blob + VMI_HDR_PRIVATE);
	const struct vmix_rom_private *priv;

	if (len < VMI_NR_SLOTS * VMI_SLOT_SIZE || rom_blob[2] * 512u != len ||
	    off + sizeof(*priv) > len)
		fatal("embedded ROM image is malformed\n");
	priv = (const void *)(rom_blob + off);
	if (priv->magic != VMIX_PRIV_MAGIC)
		fatal("embedded ROM has no vmi-xen private block\n");
	return priv;
}

/*
 * Where rom= may put the ROM: inside the option-ROM window, on a 2 KiB
 * step (where the guest's scan looks; the image itself runs anywhere), and
 * with the image ending by the window's end.  Each rule has its message.
 */
void check_rom_placement(const struct vmix_rom_private *priv)
{
	uint32_t gpa = pv.rom_gpa, size = rom_image_len();
	uint32_t highest = (VMI_ROM_WINDOW_END - size) &
			   ~(VMI_ROM_SCAN_STEP - 1);

	(void)priv;
	if (gpa < VMI_ROM_WINDOW_START || gpa >= VMI_ROM_WINDOW_END)
		fatal("rom=%x: outside the option-ROM window [%x, %x) the guest scans\n",
		      gpa, VMI_ROM_WINDOW_START, VMI_ROM_WINDOW_END);
	if (gpa & (VMI_ROM_SCAN_STEP - 1))
		fatal("rom=%x: not on a 2 KiB step of the window, where the guest's scan looks (%x, %x, ... %x)\n",
		      gpa, VMI_ROM_WINDOW_START, VMI_ROM_WINDOW_START +
		      VMI_ROM_SCAN_STEP, highest);
	if (size > VMI_ROM_WINDOW_END - gpa)
		fatal("rom=%x: the ROM image takes %u bytes and would end at %x, past the window's end %x (highest start %x)\n",
		      gpa, size, gpa + size, VMI_ROM_WINDOW_END, highest);
}

/*
 * The window gets the image; the shim's state (already zeroed, mapped at
 * its fixed addresses by build_shim_range) gets the hypercall page copy
 * and the boot block, and vCPU 0's events start masked.
 */
void place_rom(const struct vmix_rom_private *priv)
{
	struct vmix_boot_block *bb = (void *)(uintptr_t)priv->boot_block_va;
	struct shared_info *shinfo = (void *)(uintptr_t)priv->shared_info_va;
	start_info_t *si = pv.si;
	uint32_t off, s, i;

	memcpy((void *)(uintptr_t)pv.rom_gpa, rom_blob, rom_image_len());
	memcpy((void *)(uintptr_t)priv->hypercall_page_va, hypercall_page,
	       PAGE_SIZE);
	shinfo->vcpu_info[0].evtchn_upcall_mask = 1;

	bb->version = VMIX_BOOT_VERSION;
	bb->flags = ((si->flags & SIF_INITDOMAIN) ? VMIX_BOOT_DOM0 : 0) |
		    ((si->flags & SIF_PRIVILEGED) ? VMIX_BOOT_PRIVILEGED : 0) |
		    (pv.no_defer ? VMIX_BOOT_NODEFER : 0);
	bb->rom_gpa = pv.rom_gpa;
	bb->nr_pages = pv.mapped_pages;
	bb->shared_info_mfn = si->shared_info >> PAGE_SHIFT;
	bb->p2m_gpa = si->mfn_list - VIRT_BASE;
	for (i = 0; i < VMIX_MAX_VCPUS; i++)
		bb->percpu_mfn[i] = pv.p2m[shim_state_pfn(
			(priv->percpu_va - priv->state_va) / PAGE_SIZE + i)];
	if (!(si->flags & SIF_INITDOMAIN)) {
		bb->console_mfn = si->console.domU.mfn;
		bb->console_evtchn = si->console.domU.evtchn;
	}
	bb->store_mfn = si->store_mfn;
	bb->store_evtchn = si->store_evtchn;
	bb->reserved_start = pv.reserved_start;
	bb->reserved_end = pv.reserved_end;
	for (s = 0; s < VMIX_SHADOWS; s++) {
		for (off = 0; off < VMIX_GDT_FRAMES; off++)
			bb->gdt_mfn[s][off] = pv.p2m[shadow_gdt_pfn(s, off)];
		for (off = 0; off < VMIX_LDT_FRAMES; off++)
			bb->ldt_mfn[s][off] = pv.p2m[shadow_ldt_pfn(s, off)];
		bb->ldt_va[s] = VMIX_SHIM_LDT_VA + s * VMIX_SHIM_LDT_SIZE;
	}
	bb->shim_first_pfn = pv.shim_frames;
	bb->boot_cr3 = si->pt_base - VIRT_BASE;
	bb->shim_l1_mfn[0] = shim_l1_mfn(0);
	bb->shim_l1_mfn[1] = shim_l1_mfn(1);
	for (i = 0; i < VMIX_SLOT3_POOL; i++)
		bb->pool_mfn[i] = pv.p2m[pool_pfn(i)];
	bb->nr_boot_l1 = (pv.mapped_pages + 511) / 512;
	for (i = 0; i < bb->nr_boot_l1; i++)
		bb->boot_l1_mfn[i] = boot_l1_mfn(i);
	bb->magic = VMIX_BOOT_MAGIC;
}
