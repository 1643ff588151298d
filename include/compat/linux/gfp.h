/* Allocation flags (linux/gfp.h). ukern tells only "may sleep" (GFP_KERNEL)
 * from "may not" (GFP_ATOMIC, GFP_NOWAIT), and honours __GFP_ZERO. */
#ifndef _UKERN_LINUX_GFP_H
#define _UKERN_LINUX_GFP_H

#include <linux/types.h>

#define GFP_KERNEL 0x1u
#define GFP_ATOMIC 0x2u
#define GFP_NOWAIT 0x2u
#define GFP_NOIO 0x1u
#define GFP_NOFS 0x1u
#define GFP_USER 0x1u
#define GFP_HIGHUSER 0x1u
#define GFP_DMA 0x1u
#define GFP_KERNEL_ACCOUNT 0x1u
#define __GFP_ZERO 0x100u
#define __GFP_NOWARN 0x200u
#define __GFP_RETRY_MAYFAIL 0x400u
#define __GFP_NOFAIL 0x800u

#endif
