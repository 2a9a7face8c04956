#!/bin/bash
# proves: every KUnit case of the drivers (common/, pf/, vf/ tests) passes as a module on the debug kernel, under KASAN, lockdep and kmemleak, and the number of cases run is the number the sources declare
# pairs: sriovnic/sriovnic
# kernel: debug
# timeout: 600
. "$SNIC_DIR/tests/vm/lib.sh"

# Each module runs its suites as it loads and prints them to the kernel
# log as KTAP: per suite its cases one level (4 spaces) in, then the
# suite's own "ok N name" at the left margin; a parameterised case's
# parameters are a level further in.
_load_ko common/sriovnic_common || bail "cannot load sriovnic_common"

mods=$(cd "$SNIC_KO" && find . -name '*_kunit.ko' | sed 's|^\./||; s|\.ko$||' | sort)
[ -n "$mods" ] || bail "no KUnit modules in $SNIC_KO (built only for a kernel with CONFIG_KUNIT)"
declared=$(cat "$SNIC_DIR"/common/tests/*_kunit.c "$SNIC_DIR"/pf/tests/*_kunit.c \
	"$SNIC_DIR"/vf/tests/*_kunit.c | grep -c 'KUNIT_CASE')
ran=0
for m in $mods; do
	name=${m##*/}
	mark=$(log_mark)
	if ! insmod "$SNIC_KO/$m.ko"; then
		not_ok "$name loads"
		continue
	fi
	log_since "$mark" | sed 's/^\[[^]]*\] //' >/run/snic-ktap
	suites=$(sed -nE 's/^(not )?ok [0-9]+ ([a-z0-9_]+).*/\2/p' /run/snic-ktap)
	[ -n "$suites" ] || not_ok "$name runs a suite" "$(cat /run/snic-ktap)"
	for st in $suites; do
		# The suite's block: from its "# Subtest:" to its own result.
		awk -v s="$st" '$0 == "    # Subtest: " s { on = 1 } on { print }
			on && $0 ~ ("^(not )?ok [0-9]+ " s "$") { exit }' /run/snic-ktap >/run/snic-suite
		n=$(grep -cE '^    (not )?ok [0-9]+ ' /run/snic-suite)
		bad=$(grep -E '^    not ok [0-9]+ ' /run/snic-suite)
		skipped=$(grep -E '^    ok [0-9]+ .*# SKIP' /run/snic-suite)
		ran=$((ran + n))
		if [ -n "$bad" ] || ! tail -n 1 /run/snic-suite | grep -qE "^ok [0-9]+ $st"; then
			not_ok "suite $st ($name): $n cases, all pass" "$(cat /run/snic-suite)"
		elif [ -n "$skipped" ]; then
			not_ok "suite $st ($name): $n cases, none skipped" "$skipped"
		elif [ "$n" -eq 0 ]; then
			not_ok "suite $st ($name): has cases"
		else
			ok "suite $st ($name): $n cases, all pass"
		fi
	done
	check "$name unloads" rmmod "$name"
done
check_eq "cases run = KUNIT_CASE entries in the sources" "$declared" "$ran"
done_testing
