# SPDX-License-Identifier: GPL-2.0
#
# sriovnic: out-of-tree build, tests and demo.
#
#   make                 build the three modules against KDIR
#   make install         install them (modules_install + depmod)
#   make check           W=1/sparse builds on 6.12 and 6.1, KUnit, VM scenarios
#   make check-slow      the slow VM scenarios only (nested guest)
#   make check-debug     every scenario of sriovnic/sriovnic and
#                        sriovnic/igbvf on the debug kernel (KASAN, lockdep,
#                        kmemleak, ...: scripts/debug-kernel builds it)
#   make demo            the demo in a VM: our PF and VF drivers at work
#                        (PF=igb VF=igbvf: the kernel's instead)
#   make kunit           KUnit suites on UML
#   make vm-test T=name  one VM scenario (PF=, VF=, PAIRS= as for check)
#   make compat          the W=1 C=1 builds only
#   make fuzz            libFuzzer targets of the mailbox codec and PF policy
#                        (FUZZ_SECONDS per target, default 300)
#   make rogue           the hostile-VF tool, build/rogue/rogue-vf
#   make ksft            the upstream drivers/net selftests, build/ksft
#   make soak            on the debug kernel, 100 sriov_numvfs cycles with PF
#                        resets, hostile-VF storms and VF rebinds
#                        (tests/vm/soak.sh); then the hostile-VF
#                        scenario long enough for >= 1e6 mailbox messages
#                        (PAIRS= as for check)
#   make deb             build/deb/sriovnic-dkms_<version>_all.deb
#   make dkms            register this tree with DKMS and install its
#                        modules for KVER (default: the running kernel)
#   make dkms-remove     take them out of DKMS and of every kernel
#
# KDIR defaults to the running kernel's build directory; where that does
# not exist (a container, a CI machine), to the newest Debian headers
# installed under /usr/src.

SRC := $(CURDIR)

KVER ?= $(shell uname -r)
ifeq ($(origin KDIR),undefined)
KDIR := $(firstword $(wildcard /lib/modules/$(KVER)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1))
endif

SNIC_CONFIG := CONFIG_SRIOVNIC_COMMON=m CONFIG_SRIOVNIC_PF=m CONFIG_SRIOVNIC_VF=m \
	CONFIG_SRIOVNIC_VFIO=m

.PHONY: all modules clean install deps check check-slow check-debug demo kunit compat \
	vm-test bench help fuzz rogue ksft soak deb dkms dkms-remove

all: modules

modules:
	@if [ -z "$(KDIR)" ] || [ ! -d "$(KDIR)" ]; then \
		echo "sriovnic: no kernel build directory found (KDIR='$(KDIR)')." >&2; \
		echo "  Install headers for your kernel (Debian: apt install linux-headers-\$$(uname -r))," >&2; \
		echo "  or run scripts/deps, or pass KDIR=/path/to/kernel/build." >&2; \
		exit 1; \
	fi
	$(MAKE) -C $(KDIR) M=$(SRC) $(SNIC_CONFIG) modules

clean:
	@if [ -n "$(KDIR)" ] && [ -d "$(KDIR)" ]; then \
		$(MAKE) -C $(KDIR) M=$(SRC) $(SNIC_CONFIG) clean; fi
	rm -rf build

install: modules
	$(MAKE) -C $(KDIR) M=$(SRC) $(SNIC_CONFIG) modules_install
	depmod -a $(notdir $(patsubst %/build,%,$(KDIR))) 2>/dev/null || depmod -a

deps:
	@scripts/deps --check || scripts/deps

compat: deps
	scripts/build-check

kunit: deps
	scripts/kunit

vm-test: deps rogue ksft
	scripts/vm-tests $(T)

check: deps rogue ksft
	scripts/check

# Userspace builds of the pure code and of the attacker: the kernel's
# headers are replaced by tests/fuzz/shim, the register table is the
# drivers' own (include/sriovnic).
ROGUE_CFLAGS := -O2 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-Itests/fuzz/shim -Iinclude
FUZZ_SECONDS ?= 300

build/rogue/rogue-vf: tests/rogue/rogue-vf.c $(wildcard include/sriovnic/*.h) \
		$(wildcard tests/fuzz/shim/*/*.h)
	@mkdir -p $(@D)
	$(CC) $(ROGUE_CFLAGS) -o $@ $<

rogue: build/rogue/rogue-vf

# The upstream drivers/net selftests' tree, build/ksft (upstream-selftests).
ksft:
	@scripts/ksft-tree >/dev/null

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run

soak: deps rogue
	scripts/debug-kernel
	scripts/vm-tests --kernel debug --pairs sriovnic/sriovnic tests/vm/soak.sh
	scripts/vm-tests --pairs "$(or $(PAIRS),sriovnic/igbvf sriovnic/sriovnic)" \
		tests/vm/hostile-vf-soak.sh

check-slow: deps
	scripts/vm-tests --slow-only

check-debug: deps rogue
	scripts/debug-kernel
	scripts/vm-tests --kernel debug --pairs "sriovnic/sriovnic sriovnic/igbvf"

demo: deps
	@scripts/vm-tests --demo

bench: deps
	scripts/bench

# DKMS: the version is dkms.conf's; the sources DKMS builds are the files
# git tracks (scripts/mkdeb), copied to /usr/src/sriovnic-<version>.
DKMS_VERSION = $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

deb:
	scripts/mkdeb

dkms:
	rm -rf /usr/src/sriovnic-$(DKMS_VERSION)
	scripts/mkdeb --src /usr/src/sriovnic-$(DKMS_VERSION)
	dkms add -m sriovnic -v $(DKMS_VERSION)
	dkms install -m sriovnic -v $(DKMS_VERSION) -k $(KVER)

dkms-remove:
	-dkms remove -m sriovnic -v $(DKMS_VERSION) --all
	rm -rf /usr/src/sriovnic-$(DKMS_VERSION)

help:
	@sed -n '3,30p' Makefile
