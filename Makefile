# SPDX-License-Identifier: GPL-2.0
# knits: top-level build. `make` builds kmod/knits.ko and the userspace;
# `make check` proves the tree; `make demo` runs the main job; `make bench`
# measures it. All three install what is missing first (scripts/deps).

BUILD ?= build
CMAKE_BUILD_TYPE ?= RelWithDebInfo
# Evaluated when used, so `make check` can install the kernel first.
KVER = $(shell scripts/kernel-version)
KDIR ?= /lib/modules/$(KVER)/build
JOBS ?= $(shell nproc)

all: kmod user

kmod:
	$(MAKE) -C kmod KDIR=$(KDIR)

# Modules only the test bench loads (a deliberate WARN for vm-run's test).
test-modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/test/vm/warn-module modules

user:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(CMAKE_BUILD_TYPE)
	cmake --build $(BUILD) -j$(JOBS)

deps:
	scripts/deps

check:
	scripts/check

demo:
	scripts/demo

# The benchmark: writes Documentation/bench/ (see its README.md).
bench:
	scripts/bench

unit: user
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

kunit:
	scripts/kunit

fuzz:
	scripts/fuzz

vmtest: kmod test-modules user
	test/vm/run-all

lint: user
	scripts/lint-cpp
	scripts/lint-sh

checkpatch:
	scripts/checkpatch

clean:
	-$(MAKE) -C kmod KDIR=$(KDIR) clean
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/test/vm/warn-module clean
	rm -rf $(BUILD) build-fuzz

.PHONY: all kmod test-modules user deps check demo bench unit kunit fuzz vmtest lint \
	checkpatch clean
