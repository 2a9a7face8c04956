# SPDX-License-Identifier: GPL-2.0
#
# sriovnic: out-of-tree build, tests and demo.
#
#   make                 build the three modules against KDIR
#   make install         install them (modules_install + depmod)
#   make check           W=1/sparse builds on 6.12 and 6.1, KUnit, VM scenarios
#   make check-slow      the slow VM scenarios only (nested guest)
#   make demo            the demo in a VM: our PF and VF drivers at work
#                        (PF=igb VF=igbvf: the kernel's instead)
#   make kunit           KUnit suites on UML
#   make vm-test T=name  one VM scenario (PF=, VF=, PAIRS= as for check)
#   make compat          the W=1 C=1 builds only
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

SNIC_CONFIG := CONFIG_SRIOVNIC_COMMON=m CONFIG_SRIOVNIC_PF=m CONFIG_SRIOVNIC_VF=m

.PHONY: all modules clean install deps check check-slow demo kunit compat \
	vm-test bench help

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

vm-test: deps
	scripts/vm-tests $(T)

check: deps
	scripts/check

check-slow: deps
	scripts/vm-tests --slow-only

demo: deps
	@scripts/vm-tests --demo

bench: deps
	scripts/bench

help:
	@sed -n '3,17p' Makefile
