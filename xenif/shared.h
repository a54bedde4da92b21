/*
 * shared.h - the shim's view of Xen's shared_info page, which the boot image
 * aliases into the ROM window (shared_info_page): vCPU 0's vcpu_info holds
 * the virtual interrupt flag, the saved CR2 and the time scale.
 */
#ifndef VMIX_SHARED_H
#define VMIX_SHARED_H

#include "shim.h"
#include <xen/xen.h>

static inline struct vcpu_info *this_vcpu(void)
{
	return &((struct shared_info *)shared_info_page)->vcpu_info[0];
}

#endif /* VMIX_SHARED_H */
