/*
 * pvboot.c - the PV boot image: from Xen's start of day to the VMI kernel's.
 *
 * Xen starts this image (a 32-bit PAE PV kernel) with start_info and an
 * initial mapping of pseudo-physical memory [0, v_end) at VIRT_BASE.  It
 *   1. identity-maps the guest's pseudo-physical memory at linear 0 (page
 *      tables from this image's .bss, hooked under the empty L2 that Xen
 *      gives L3 slot 0),
 *   2. copies the VMI ROM to its window address (rom=ADDR, default 0xC8000),
 *      copies Xen's hypercall page into it, aliases the shared_info frame to
 *      the ROM's shared_info page and fills the ROM's boot block,
 *   3. loads the VMI kernel (an ELF32 i386 multiboot kernel, the module) at
 *      its physical addresses, builds a multiboot information structure with
 *      a memory map, and
 *   4. enters it as a multiboot loader would, with paging on and interrupts
 *      (events) masked.
 * The exact contract is docs/boot.md.
 */
#include <stdint.h>
#include "hypercall.h"
#include "rom_private.h"
#include "printk.h"
#include "multiboot_info.h"

#define VIRT_BASE	0xC0000000u
#define PAGE_SIZE	4096u
#define PAGE_SHIFT	12

#define _PAGE_PRESENT	0x001ull
#define _PAGE_RW	0x002ull
#define _PAGE_USER	0x004ull
#define _PAGE_ACCESSED	0x020ull
#define _PAGE_DIRTY	0x040ull
#define PAE_ADDR_MASK	0x000ffffffffff000ull

/* Identity map capacity: one L1 page per 2 MiB, up to 512 MiB. */
#define IDENT_L1_PAGES	256
#define IDENT_MAX_PAGES	(IDENT_L1_PAGES * 512)

/* Where the multiboot information goes (guest-physical; below it, a stack). */
#define MBI_GPA		0x8000u
#define MBI_LIMIT	0x9000u
#define LOW_MEM_END	0x9f000u
#define HIGH_MEM_START	0x100000u

extern char _kernel_start[], _kernel_end[];
extern const uint8_t rom_blob[], rom_blob_end[];

static uint64_t ident_l1[IDENT_L1_PAGES][512] __attribute__((aligned(4096)));
/* L1 of the shim's linear range [VMIX_VIRTUAL_TOP, +2 MiB). */
static uint64_t shim_l1[512] __attribute__((aligned(4096)));

static start_info_t *si;
static uint32_t *p2m;
static uint32_t mapped_pages;
static uint32_t reserved_start, reserved_end;	/* guest-physical */
static uint32_t shim_frames;			/* first pfn of them */

/* ---- console -------------------------------------------------------- */

static void vprint(const char *fmt, va_list ap)
{
	char buf[256];
	int n = vmix_vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	hyp_console_write(buf, n);
}

static void __attribute__((format(printf, 1, 2))) print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
fatal(const char *fmt, ...)
{
	struct sched_shutdown sd = { .reason = SHUTDOWN_crash };
	va_list ap;

	print("vmi-xen: boot failed: ");
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	for (;;)
		hyp_sched_op(SCHEDOP_shutdown, &sd);
}

/* ---- small helpers -------------------------------------------------- */

static void *memcpy_(void *d, const void *s, uint32_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

static void memset_(void *d, int c, uint32_t n)
{
	uint8_t *dp = d;

	while (n--)
		*dp++ = (uint8_t)c;
}

/* GCC may emit calls to these for struct copies and clears. */
void *memcpy(void *d, const void *s, uint32_t n) { return memcpy_(d, s, n); }
void *memset(void *d, int c, uint32_t n) { memset_(d, c, n); return d; }

static int starts_with(const char *s, const char *p)
{
	while (*p)
		if (*s++ != *p++)
			return 0;
	return 1;
}

static uint32_t parse_num(const char *s, const char **end)
{
	uint32_t v = 0, base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++) {
		uint32_t d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		v = v * base + d;
	}
	*end = s;
	return v;
}

static uint32_t va_to_pfn(const void *va)
{
	return ((uint32_t)(uintptr_t)va - VIRT_BASE) >> PAGE_SHIFT;
}

static uint32_t va_to_mfn(const void *va)
{
	return p2m[va_to_pfn(va)];
}

/* ---- command line: "rom=ADDR -- guest command line" ----------------- */

static uint32_t rom_gpa = VMI_ROM_WINDOW_START;
static const char *guest_cmdline = "";

static void parse_cmdline(char *cmd)
{
	char *p = cmd;

	while (*p) {
		const char *end;

		while (*p == ' ')
			p++;
		if (starts_with(p, "-- ") || (p[0] == '-' && p[1] == '-' &&
					      p[2] == '\0')) {
			guest_cmdline = p[2] ? p + 3 : "";
			return;
		}
		if (starts_with(p, "rom=")) {
			rom_gpa = parse_num(p + 4, &end);
			if (*end && *end != ' ')
				fatal("bad rom= value in \"%s\"\n", cmd);
			p = (char *)end;
			continue;
		}
		if (!*p)
			break;
		fatal("unknown option in \"%s\" (expected rom=ADDR and "
		      "-- GUEST-ARGS)\n", cmd);
	}
}

/* ---- step 1: identity mapping ---------------------------------------- */

static int is_boot_pt_pfn(uint32_t pfn)
{
	uint32_t pt = va_to_pfn((void *)si->pt_base);
	uint32_t l1 = va_to_pfn(ident_l1);

	return (pfn >= pt && pfn < pt + si->nr_pt_frames) ||
	       (pfn >= l1 && pfn < l1 + IDENT_L1_PAGES) ||
	       pfn == va_to_pfn(shim_l1);
}

/* Memory the memory map gives the guest: user-accessible at start of day. */
static int is_guest_ram(uint32_t pfn)
{
	uint32_t pa = pfn << PAGE_SHIFT;

	return pa < LOW_MEM_END ||
	       (pa >= HIGH_MEM_START && pa < reserved_start) ||
	       (pa >= reserved_end && pfn < shim_frames);
}

static void make_read_only(void *va)
{
	uint64_t pte = ((uint64_t)va_to_mfn(va) << PAGE_SHIFT) |
		       _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY;
	long rc = hyp_update_va_mapping((uint32_t)(uintptr_t)va, pte,
					UVMF_INVLPG);

	if (rc)
		fatal("update_va_mapping(%p, read-only) failed: Xen error "
		      "%ld\n", va, rc);
}

static void build_identity_map(uint32_t shinfo_pfn)
{
	static struct mmu_update req[IDENT_L1_PAGES];
	uint64_t *l3 = (uint64_t *)si->pt_base;
	uint64_t l2_maddr = l3[0] & PAE_ADDR_MASK;
	uint32_t nr_l1 = (mapped_pages + 511) / 512;
	uint32_t pfn, i, done;
	struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	long rc;

	if (!(l3[0] & _PAGE_PRESENT))
		fatal("L3 slot 0 has no L2 (pt_base %08lx)\n", si->pt_base);

	for (pfn = 0; pfn < mapped_pages; pfn++) {
		uint64_t mfn = p2m[pfn];
		uint64_t flags = _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY;

		if (pfn == shinfo_pfn)
			mfn = si->shared_info >> PAGE_SHIFT;
		if (!is_boot_pt_pfn(pfn))
			flags |= _PAGE_RW;
		if (is_guest_ram(pfn))
			flags |= _PAGE_USER;
		ident_l1[pfn / 512][pfn % 512] = (mfn << PAGE_SHIFT) | flags;
	}

	/* Page-table pages may not stay writable anywhere. */
	for (i = 0; i < IDENT_L1_PAGES; i++)
		make_read_only(ident_l1[i]);

	for (i = 0; i < nr_l1; i++) {
		req[i].ptr = (l2_maddr + i * 8) | MMU_NORMAL_PT_UPDATE;
		req[i].val = ((uint64_t)va_to_mfn(ident_l1[i]) << PAGE_SHIFT) |
			     _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
			     _PAGE_ACCESSED;
	}
	rc = hyp_mmu_update(req, nr_l1, &done, DOMID_SELF);
	if (rc || done != nr_l1)
		fatal("mmu_update of %u L2 entries failed after %u: Xen "
		      "error %ld\n", nr_l1, done, rc);
	rc = hyp_mmuext_op(&flush, 1, &done, DOMID_SELF);
	if (rc)
		fatal("MMUEXT_TLB_FLUSH_LOCAL failed: Xen error %ld\n", rc);

	/*
	 * The shim's frames become descriptor tables: Xen validates every
	 * descriptor in them, so they start zeroed (not present), and no
	 * writable mapping of them may remain.
	 */
	for (pfn = shim_frames; pfn < mapped_pages; pfn++) {
		memset_((void *)(uintptr_t)(pfn << PAGE_SHIFT), 0, PAGE_SIZE);
		rc = hyp_update_va_mapping(pfn << PAGE_SHIFT, 0, UVMF_INVLPG);
		if (rc)
			fatal("unmapping shim frame %x failed: Xen error "
			      "%ld\n", pfn, rc);
	}
}

/*
 * The shim's linear range: an L1 under L3 slot 3 (below Xen's compat hole)
 * mapping the shadow LDT frames read-only at VMIX_SHIM_LDT_VA.
 */
static void build_shim_range(void)
{
	uint64_t *l3 = (uint64_t *)si->pt_base;
	uint64_t l2_maddr = l3[3] & PAE_ADDR_MASK;
	uint32_t idx = (VMIX_VIRTUAL_TOP - 0xC0000000u) >> 21, i, done;
	struct mmu_update req;
	long rc;

	for (i = 0; i < VMIX_LDT_FRAMES; i++)
		shim_l1[i] = ((uint64_t)p2m[shim_frames + VMIX_GDT_FRAMES + i]
			      << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_ACCESSED;
	make_read_only(shim_l1);
	req.ptr = (l2_maddr + idx * 8) | MMU_NORMAL_PT_UPDATE;
	req.val = ((uint64_t)va_to_mfn(shim_l1) << PAGE_SHIFT) |
		  _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED;
	rc = hyp_mmu_update(&req, 1, &done, DOMID_SELF);
	if (rc)
		fatal("mmu_update of the shim range's L2 entry failed: Xen "
		      "error %ld\n", rc);
}

/* ---- step 2: the ROM -------------------------------------------------- */

static const struct vmix_rom_private *rom_priv(void)
{
	uint32_t len = rom_blob_end - rom_blob;
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

static void place_rom(const struct vmix_rom_private *priv)
{
	uint32_t len = rom_blob_end - rom_blob;
	uint8_t *rom = (uint8_t *)(uintptr_t)rom_gpa;
	struct vmix_boot_block *bb = (void *)(rom + priv->boot_block_off);
	struct shared_info *shinfo = (void *)(rom + priv->shared_info_off);
	uint32_t off;
	long rc;

	/* Zero the state area, but not the page that is Xen's shared_info. */
	memcpy_(rom, rom_blob, len);
	for (off = len; off < priv->footprint; off++)
		if (off - priv->shared_info_off >= PAGE_SIZE)
			rom[off] = 0;
	memcpy_(rom + priv->hypercall_page_off, hypercall_page, PAGE_SIZE);

	/*
	 * The alias at VIRT_BASE (Xen's initial mapping) must agree with the
	 * identity mapping, and the P2M list with both.
	 */
	rc = hyp_update_va_mapping(VIRT_BASE + rom_gpa + priv->shared_info_off,
				   (uint64_t)si->shared_info | _PAGE_PRESENT |
				   _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY,
				   UVMF_INVLPG);
	if (rc)
		fatal("update_va_mapping(shared_info alias) failed: Xen error "
		      "%ld\n", rc);
	p2m[(rom_gpa + priv->shared_info_off) >> PAGE_SHIFT] =
		si->shared_info >> PAGE_SHIFT;

	shinfo->vcpu_info[0].evtchn_upcall_mask = 1;

	bb->version = VMIX_BOOT_VERSION;
	bb->flags = ((si->flags & SIF_INITDOMAIN) ? VMIX_BOOT_DOM0 : 0) |
		    ((si->flags & SIF_PRIVILEGED) ? VMIX_BOOT_PRIVILEGED : 0);
	bb->rom_gpa = rom_gpa;
	bb->nr_pages = mapped_pages;
	bb->shared_info_mfn = si->shared_info >> PAGE_SHIFT;
	bb->p2m_gpa = si->mfn_list - VIRT_BASE;
	if (!(si->flags & SIF_INITDOMAIN)) {
		bb->console_mfn = si->console.domU.mfn;
		bb->console_evtchn = si->console.domU.evtchn;
	}
	bb->store_mfn = si->store_mfn;
	bb->store_evtchn = si->store_evtchn;
	bb->reserved_start = reserved_start;
	bb->reserved_end = reserved_end;
	for (off = 0; off < VMIX_GDT_FRAMES; off++)
		bb->gdt_mfn[off] = p2m[shim_frames + off];
	for (off = 0; off < VMIX_LDT_FRAMES; off++)
		bb->ldt_mfn[off] = p2m[shim_frames + VMIX_GDT_FRAMES + off];
	bb->ldt_va = VMIX_SHIM_LDT_VA;
	bb->magic = VMIX_BOOT_MAGIC;
}

/* ---- step 3: the VMI kernel and its multiboot information ------------ */

struct elf32_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} __attribute__((packed));

struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
} __attribute__((packed));

#define PT_LOAD	1

static int in_usable(uint32_t start, uint32_t end)
{
	return (start >= HIGH_MEM_START && end <= reserved_start) ||
	       (start >= reserved_end && end <= shim_frames * PAGE_SIZE);
}

static uint32_t load_kernel(void)
{
	const uint8_t *img = (const uint8_t *)si->mod_start;
	const struct elf32_ehdr *eh = (const void *)img;
	uint32_t i;

	if (!si->mod_start || si->mod_len < sizeof(*eh))
		fatal("no VMI kernel: pass it as the second multiboot module "
		      "(dom0) or as the ramdisk (domU)\n");
	if (eh->ident[0] != 0x7f || eh->ident[1] != 'E' ||
	    eh->ident[2] != 'L' || eh->ident[3] != 'F' ||
	    eh->ident[4] != 1 || eh->machine != 3 || eh->type != 2)
		fatal("the VMI kernel is not an ELF32 i386 executable\n");
	if (eh->phoff + (uint32_t)eh->phnum * sizeof(struct elf32_phdr) >
	    si->mod_len)
		fatal("the VMI kernel's program headers lie outside it\n");

	for (i = 0; i < eh->phnum; i++) {
		const struct elf32_phdr *ph =
			(const void *)(img + eh->phoff + i * eh->phentsize);

		if (ph->type != PT_LOAD || !ph->memsz)
			continue;
		if (ph->filesz > ph->memsz ||
		    ph->offset + ph->filesz > si->mod_len ||
		    ph->paddr + ph->memsz < ph->paddr ||
		    !in_usable(ph->paddr, ph->paddr + ph->memsz))
			fatal("VMI kernel segment %u (paddr %08x, %u bytes) "
			      "does not fit usable memory [%x-%x) or [%x-%x)\n",
			      i, ph->paddr, ph->memsz, HIGH_MEM_START,
			      reserved_start, reserved_end,
			      mapped_pages * PAGE_SIZE);
		memcpy_((void *)(uintptr_t)ph->paddr, img + ph->offset,
			ph->filesz);
		memset_((void *)(uintptr_t)(ph->paddr + ph->filesz), 0,
			ph->memsz - ph->filesz);
	}
	return eh->entry;
}

static void mmap_add(struct multiboot_mmap_entry **e, uint32_t start,
		     uint32_t end, uint32_t type)
{
	if (end <= start)
		return;
	(*e)->size = sizeof(**e) - 4;
	(*e)->addr = start;
	(*e)->len = end - start;
	(*e)->type = type;
	(*e)++;
}

static void build_mbi(void)
{
	struct multiboot_info *mbi = (void *)MBI_GPA;
	struct multiboot_mmap_entry *mm = (void *)(MBI_GPA + 0x100), *e = mm;
	char *name = (char *)(MBI_GPA + 0x200);
	char *cmd = (char *)(MBI_GPA + 0x300);
	uint32_t n;

	memset_(mbi, 0, MBI_LIMIT - MBI_GPA);
	mmap_add(&e, 0, LOW_MEM_END, MMAP_AVAILABLE);
	mmap_add(&e, LOW_MEM_END, HIGH_MEM_START, MMAP_RESERVED);
	mmap_add(&e, HIGH_MEM_START, reserved_start, MMAP_AVAILABLE);
	mmap_add(&e, reserved_start, reserved_end, MMAP_RESERVED);
	mmap_add(&e, reserved_end, shim_frames * PAGE_SIZE, MMAP_AVAILABLE);
	mmap_add(&e, shim_frames * PAGE_SIZE, mapped_pages * PAGE_SIZE,
		 MMAP_RESERVED);

	memcpy_(name, "vmi-xen", 8);
	for (n = 0; guest_cmdline[n] && n < MBI_LIMIT - (uint32_t)cmd - 1; n++)
		cmd[n] = guest_cmdline[n];
	cmd[n] = '\0';

	mbi->flags = MBI_FLAG_MEM | MBI_FLAG_CMDLINE | MBI_FLAG_MMAP |
		     MBI_FLAG_LOADER_NAME;
	mbi->mem_lower = LOW_MEM_END / 1024;
	mbi->mem_upper = (reserved_start - HIGH_MEM_START) / 1024;
	mbi->cmdline = (uint32_t)cmd;
	mbi->mmap_addr = (uint32_t)mm;
	mbi->mmap_length = (uint32_t)e - (uint32_t)mm;
	mbi->boot_loader_name = (uint32_t)name;
}

/* ---- main ------------------------------------------------------------ */

void __attribute__((noreturn)) pvboot_main(start_info_t *start_info)
{
	const struct vmix_rom_private *priv;
	uint32_t entry, rom_end;

	si = start_info;
	p2m = (uint32_t *)si->mfn_list;
	print("vmi-xen: PV boot image: %s, %lu pages, cmdline \"%s\"\n",
	      (si->flags & SIF_INITDOMAIN) ? "dom0" : "domU", si->nr_pages,
	      (char *)si->cmd_line);
	parse_cmdline((char *)si->cmd_line);

	priv = rom_priv();
	rom_end = rom_gpa + priv->footprint;
	if ((rom_gpa & (PAGE_SIZE - 1)) || rom_gpa < VMI_ROM_WINDOW_START ||
	    rom_end > VMI_ROM_WINDOW_END)
		fatal("rom=%x: the ROM (%u bytes with its state) must start "
		      "page aligned in [%x, %x) and end by %x\n", rom_gpa,
		      priv->footprint, VMI_ROM_WINDOW_START,
		      VMI_ROM_WINDOW_END, VMI_ROM_WINDOW_END);

	/* Xen's boot structures: this image, the module, P2M, start_info,
	 * the bootstrap page tables and stack. */
	reserved_start = (uint32_t)_kernel_start - VIRT_BASE;
	reserved_end = si->pt_base - VIRT_BASE +
		       (si->nr_pt_frames + 1) * PAGE_SIZE;
	mapped_pages = si->nr_pages;
	if (mapped_pages > IDENT_MAX_PAGES) {
		print("vmi-xen: only the first %u MiB are given to the guest\n",
		      IDENT_MAX_PAGES >> 8);
		mapped_pages = IDENT_MAX_PAGES;
	}
	shim_frames = mapped_pages - VMIX_SHIM_FRAMES;
	if (reserved_end >= shim_frames * PAGE_SIZE)
		fatal("%lu pages leave no memory above the boot structures\n",
		      si->nr_pages);

	build_identity_map((rom_gpa + priv->shared_info_off) >> PAGE_SHIFT);
	build_shim_range();
	place_rom(priv);
	entry = load_kernel();
	build_mbi();

	print("vmi-xen: ROM at %05x (%u bytes, state to %05x), memory "
	      "%u KiB, reserved [%08x-%08x), kernel entry %08x\n", rom_gpa,
	      (uint32_t)(rom_blob_end - rom_blob), rom_end,
	      mapped_pages * 4, reserved_start, reserved_end, entry);

	asm volatile("movl %%ecx, %%esp\n\t"
		     "jmp *%%edx"
		     : : "a"(MULTIBOOT_LOADER_MAGIC), "b"(MBI_GPA),
		       "c"(MBI_GPA), "d"(entry)
		     : "memory");
	__builtin_unreachable();
}
