// SPDX-License-Identifier: GPL-2.0
/*
 * kernel.c - loading the VMI kernel (an ELF32 i386 Multiboot kernel, the
 * module Xen gave the boot image) at its physical addresses, and its
 * Multiboot information with a memory map.
 *
 * Never: load a segment outside memory the map calls available.
 */
#include "rom-layout/multiboot_info.h"
#include "rom-layout/pvboot/pvboot.h"

struct elf32_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} __attribute__((packed));

struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
} __attribute__((packed));

#define PT_LOAD		1
#define ELFCLASS32	1
#define EM_386		3
#define ET_EXEC		2

static int in_usable(uint32_t start, uint32_t end)
{
	return (start >= HIGH_MEM_START && end <= pv.reserved_start) ||
	       (start >= pv.reserved_end && end <= pv.shim_frames * PAGE_SIZE);
}

uint32_t load_kernel(void)
{
	const uint8_t *img = (const uint8_t *)pv.si->mod_start;
	const struct elf32_ehdr *eh = (const void *)img;
	uint32_t i;

	if (!pv.si->mod_start)
		fatal("no VMI kernel: pass it as the second multiboot module (dom0) or as the ramdisk (domU)\n");
	if (pv.si->mod_len == 0)
		fatal("the VMI kernel module is empty (0 bytes)\n");
	if (pv.si->mod_len < sizeof(*eh) || eh->ident[0] != 0x7f ||
	    eh->ident[1] != 'E' || eh->ident[2] != 'L' || eh->ident[3] != 'F')
		fatal("the VMI kernel module (%lu bytes) is not an ELF file\n",
		      pv.si->mod_len);
	if (eh->ident[4] != ELFCLASS32 || eh->machine != EM_386 ||
	    eh->type != ET_EXEC)
		fatal("the VMI kernel is an ELF file but not an ELF32 i386 executable (class %u, machine %u, type %u)\n",
		      eh->ident[4], eh->machine, eh->type);
	if (eh->phentsize != sizeof(struct elf32_phdr))
		fatal("the VMI kernel's program headers are %u bytes each, not %u\n",
		      eh->phentsize, (uint32_t)sizeof(struct elf32_phdr));
	if ((uint64_t)eh->phoff + (uint64_t)eh->phnum *
	    sizeof(struct elf32_phdr) > pv.si->mod_len)
		fatal("the VMI kernel's program headers lie outside it\n");

	for (i = 0; i < eh->phnum; i++) {
		const struct elf32_phdr *ph =
			(const void *)(img + eh->phoff + i * eh->phentsize);

		if (ph->type != PT_LOAD || !ph->memsz)
			continue;
		if (ph->filesz > ph->memsz ||
		    (uint64_t)ph->offset + ph->filesz > pv.si->mod_len ||
		    ph->paddr + ph->memsz < ph->paddr ||
		    !in_usable(ph->paddr, ph->paddr + ph->memsz))
			fatal("VMI kernel segment %u (paddr %08x, %u bytes) does not fit usable memory [%x-%x) or [%x-%x)\n",
			      i, ph->paddr, ph->memsz, HIGH_MEM_START,
			      pv.reserved_start, pv.reserved_end,
			      pv.mapped_pages * PAGE_SIZE);
		memcpy((void *)(uintptr_t)ph->paddr, img + ph->offset,
			ph->filesz);
		memset((void *)(uintptr_t)(ph->paddr + ph->filesz), 0,
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

void build_mbi(void)
{
	struct multiboot_info *mbi = (void *)MBI_GPA;
	struct multiboot_mmap_entry *mm = (void *)(MBI_GPA + 0x100), *e = mm;
	char *name = (char *)(MBI_GPA + 0x200);
	char *cmd = (char *)(MBI_GPA + 0x300);
	uint32_t n;

	memset(mbi, 0, MBI_LIMIT - MBI_GPA);
	mmap_add(&e, 0, LOW_MEM_END, MMAP_AVAILABLE);
	mmap_add(&e, LOW_MEM_END, HIGH_MEM_START, MMAP_RESERVED);
	mmap_add(&e, HIGH_MEM_START, pv.reserved_start, MMAP_AVAILABLE);
	mmap_add(&e, pv.reserved_start, pv.reserved_end, MMAP_RESERVED);
	mmap_add(&e, pv.reserved_end, pv.shim_frames * PAGE_SIZE, MMAP_AVAILABLE);
	mmap_add(&e, pv.shim_frames * PAGE_SIZE, pv.mapped_pages * PAGE_SIZE,
		 MMAP_RESERVED);

	memcpy(name, "vmi-xen", 8);
	for (n = 0; pv.guest_cmdline[n] && n < MBI_LIMIT - (uint32_t)cmd - 1; n++)
		cmd[n] = pv.guest_cmdline[n];
	cmd[n] = '\0';

	mbi->flags = MBI_FLAG_MEM | MBI_FLAG_CMDLINE | MBI_FLAG_MMAP |
		     MBI_FLAG_LOADER_NAME;
	mbi->mem_lower = LOW_MEM_END / 1024;
	mbi->mem_upper = (pv.reserved_start - HIGH_MEM_START) / 1024;
	mbi->cmdline = (uint32_t)cmd;
	mbi->mmap_addr = (uint32_t)mm;
	mbi->mmap_length = (uint32_t)e - (uint32_t)mm;
	mbi->boot_loader_name = (uint32_t)name;
}
