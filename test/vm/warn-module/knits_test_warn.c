// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The knits authors.
 *
 * Test-only module: loading it prints a real kernel WARN. The vm-run
 * self-test loads it to prove that a WARN in the guest fails the run.
 */

#include <linux/bug.h>
#include <linux/module.h>

static int __init knits_test_warn_init(void)
{
	WARN(1, "knits_test_warn: deliberate warning for the vm-run self-test\n");
	return 0;
}

static void __exit knits_test_warn_exit(void)
{
}

module_init(knits_test_warn_init);
module_exit(knits_test_warn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("knits test bench: deliberate WARN");
