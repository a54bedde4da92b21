// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the PV boot image: from Xen's start of day to the VMI kernel's.
 *
 * Xen starts this image (a 32-bit PAE PV kernel) with start_info and an
 * initial mapping of pseudo-physical memory [0, v_end) at VIRT_BASE.  It
 *   1. identity-maps the guest's pseudo-physical memory at linear 0 and
 *      maps the shim's linear range: the image, its state with Xen's
 *      shared_info, the shadow LDTs, the P2M list (pagetables.c),
 *   2. places the VMI ROM image in its window (rom=ADDR, default 0xC8000)
 *      and fills the shim's state: the hypercall page copy and the boot
 *      block (rom.c),
 *   3. loads the VMI kernel (the module) and builds its multiboot
 *      information with a memory map (kernel.c), and
 *   4. enters it as a multiboot loader would, with paging on and
 *      interrupts (events) masked.
 * The exact contract is docs/boot.md.
 *
 * Never: return, or enter the kernel with anything half set up.
 */
#include "rom-layout/multiboot_info.h"
#include "rom-layout/pvboot/pvboot.h"

extern char _kernel_start[];

struct pvboot pv = { .rom_gpa = VMI_ROM_WINDOW_START };

void __attribute__((noreturn)) pvboot_main(start_info_t *start_info);

void __attribute__((noreturn)) pvboot_main(start_info_t *start_info)
{
	const struct vmix_rom_private *priv;
	start_info_t *si = start_info;
	uint32_t entry;
	long rc;

	pv.si = si;
	pv.p2m = (uint32_t *)si->mfn_list;
	print("vmi-xen: PV boot image: %s, %lu pages, cmdline \"%s\"\n",
	      (si->flags & SIF_INITDOMAIN) ? "dom0" : "domU", si->nr_pages,
	      (char *)si->cmd_line);
	parse_cmdline((char *)si->cmd_line);

	priv = rom_priv();
	check_rom_placement(priv);

	/*
	 * Xen's boot structures: this image, the module, P2M, start_info,
	 * the bootstrap page tables and stack.
	 */
	pv.reserved_start = (uint32_t)_kernel_start - VIRT_BASE;
	pv.reserved_end = si->pt_base - VIRT_BASE +
			  (si->nr_pt_frames + 1) * PAGE_SIZE;
	pv.mapped_pages = si->nr_pages;
	if (pv.mapped_pages > pvboot_max_pages()) {
		print("vmi-xen: only the first %u MiB are given to the guest\n",
		      pvboot_max_pages() >> 8);
		pv.mapped_pages = pvboot_max_pages();
	}
	pv.text_pages = (rom_image_len() + PAGE_SIZE - 1) / PAGE_SIZE;
	pv.state_pages = priv->state_size / PAGE_SIZE;
	pv.shim_frames = pv.mapped_pages - VMIX_SHIM_FRAMES - pv.text_pages -
			 pv.state_pages;
	if (pv.reserved_end >= pv.shim_frames * PAGE_SIZE)
		fatal("%lu pages leave no memory above the boot structures\n",
		      si->nr_pages);

	build_identity_map();
	build_shim_range(priv);
	place_rom(priv);
	entry = load_kernel();
	build_mbi();
	/*
	 * Xen emulates a direct write to a read-only page-table page (VMI
	 * Linux's `*ptep = 0`) for a domU only with this assist; dom0 gets
	 * the emulation regardless (its read-only MMIO path).
	 */
	rc = hyp_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables);
	if (rc)
		fatal("vm_assist(VMASST_TYPE_writable_pagetables) failed: Xen error %ld\n",
		      rc);

	print("vmi-xen: ROM at %05x (%u bytes), shim at %08x (state %u KiB at %08x), memory %u KiB, reserved [%08x-%08x), kernel entry %08x\n",
	      pv.rom_gpa, rom_image_len(), priv->image_va,
	      priv->state_size / 1024, priv->state_va, pv.mapped_pages * 4,
	      pv.reserved_start, pv.reserved_end, entry);

	asm volatile("movl %%ecx, %%esp\n\t"
		     "jmp *%%edx"
		     : : "a"(MULTIBOOT_LOADER_MAGIC), "b"(MBI_GPA),
		       "c"(MBI_GPA), "d"(entry)
		     : "memory");
	__builtin_unreachable();
}
