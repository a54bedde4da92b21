/* SPDX-License-Identifier: GPL-2.0 */
/*
 * segments.h - keeping live segment registers reversible when the
 * descriptor tables under them change (spec: Segmentation).
 *
 * Never: leave a register holding a selector whose descriptor changed.
 */
#ifndef VMIX_SEGMENTS_H
#define VMIX_SEGMENTS_H

#define SEG_ALL		(-1)

/*
 * Reload DS, ES, FS, GS and SS that select entry `entry` of the GDT (ldt=0)
 * or LDT (ldt=1), or every one of them with SEG_ALL: a selector whose
 * descriptor is still usable is loaded again (the hidden part follows the
 * new descriptor), one that is not becomes NULL.  DS and ES go last: the
 * caller must return straight after.
 */
void reload_segments(int ldt, int entry);

#endif /* VMIX_SEGMENTS_H */
