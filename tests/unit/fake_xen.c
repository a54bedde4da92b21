/*
 * fake_xen.c - the hypercall and port-instruction recorder behind
 * tests/unit/fake_xen.h.
 */
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include "fake_xen.h"
#include "hypercall.h"
#include "pio.h"
#include "shim.h"

struct fake_xen fake_xen;

/* The shim's state area, which the ROM build puts in the window. */
struct vmix_boot_block boot_block;
uint8_t shared_info_page[4096];

void fake_xen_reset(void)
{
	memset(&fake_xen, 0, sizeof(fake_xen));
	memset(&boot_block, 0, sizeof(boot_block));
}

static void record(int op, int cmd, uint32_t arg)
{
	struct fake_call *c;

	if (fake_xen.nr_calls == FAKE_MAX_CALLS) {
		fprintf(stderr, "fake_xen: too many hypercalls\n");
		abort();
	}
	c = &fake_xen.calls[fake_xen.nr_calls++];
	c->op = op;
	c->cmd = cmd;
	c->arg = arg;
}

long hyp_console_write(const char *buf, uint32_t len)
{
	record(__HYPERVISOR_console_io, CONSOLEIO_write, len);
	if (fake_xen.console_len + len < sizeof(fake_xen.console)) {
		memcpy(fake_xen.console + fake_xen.console_len, buf, len);
		fake_xen.console_len += len;
		fake_xen.console[fake_xen.console_len] = '\0';
	}
	fake_xen.console_writes++;
	return 0;
}

long hyp_sched_op(int cmd, void *arg)
{
	uint32_t reason = 0;

	if (cmd == SCHEDOP_shutdown)
		reason = ((struct sched_shutdown *)arg)->reason;
	record(__HYPERVISOR_sched_op, cmd, reason);
	if (cmd != SCHEDOP_shutdown)
		return 0;
	/* A crash after a failed shutdown must still end the test. */
	if (fake_xen.shutdown_error && reason != SHUTDOWN_crash)
		return fake_xen.shutdown_error;
	if (!fake_xen.shutdown_armed) {
		fprintf(stderr, "fake_xen: unexpected shutdown (%u)\n", reason);
		abort();
	}
	longjmp(fake_xen.shutdown_jmp, (int)reason + 1);
}

long hyp_callback_op(int cmd, void *arg)
{
	record(__HYPERVISOR_callback_op, cmd,
	       ((struct callback_register *)arg)->type);
	return 0;
}

long hyp_physdev_op(int cmd, void *arg)
{
	record(__HYPERVISOR_physdev_op, cmd,
	       ((struct physdev_set_iopl *)arg)->iopl);
	return 0;
}

uint32_t pio_in(uint16_t port, uint32_t size)
{
	struct fake_pio *p = &fake_xen.pio[fake_xen.nr_pio++ % FAKE_MAX_CALLS];
	uint32_t mask = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;

	p->out = 0;
	p->port = port;
	p->size = size;
	p->value = fake_xen.pio_in_value & mask;
	return p->value;
}

void pio_out(uint16_t port, uint32_t size, uint32_t v)
{
	struct fake_pio *p = &fake_xen.pio[fake_xen.nr_pio++ % FAKE_MAX_CALLS];

	p->out = 1;
	p->port = port;
	p->size = size;
	p->value = v;
}
