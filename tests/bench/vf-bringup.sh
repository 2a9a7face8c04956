#!/bin/bash
# proves: nothing by itself: where the time from sriov_numvfs to carrier goes (not a test)
# timeout: 900
# Brings up BENCH_VFS (default "7 2 7") VFs from scratch with
# tests/bench/bringup.py (write, netdev, up, carrier per VF), then the
# last count once more traced with ftrace's function_graph tracer (each
# listed function that exists, with its start and duration): the PF's
# SR-IOV set-up, the VF's probe and its parts, open, the first carrier.
# Results go to /run/out/bringup-K.{vfs,irqs,trace} (K counts the
# bring-ups; only the traced one has a trace).
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"

t=/sys/kernel/tracing
[ -d $t/events ] || mount -t tracefs nodev $t
funcs="
snic_pf_sriov_configure snic_pf_sriov_enable snic_pf_vfs_release
snic_pf_vf_mbx_work snic_pf_vf_reset_msg snic_pf_vf_hw_reset
pci_enable_sriov pci_iov_add_virtfn pci_bus_add_device device_attach
snic_vf_probe snic_vf_pci_init snic_vf_netdev_alloc snic_vf_irq_init
snic_vf_link_start snic_vf_handshake snic_vf_hw_reset snic_vf_request
snic_vf_ext_probe snic_vf_restore snic_vf_netdev_register register_netdev
snic_vf_open snic_vf_rings_alloc snic_vf_datapath_start
snic_ring_alloc snic_ring_configure_rx snic_ring_configure_tx
snic_vf_service snic_vf_update_carrier snic_vf_msix_mbx snic_vf_msix_ring
snic_mbx_notify snic_mbx_write
igb_pci_sriov_configure igb_enable_sriov igb_ping_all_vfs igb_msg_task
igb_vf_reset_msg igb_vf_reset_event
igbvf_probe igbvf_open igbvf_reset igbvf_up igbvf_configure
igbvf_alloc_rx_buffers igbvf_setup_rx_resources igbvf_setup_tx_resources
igbvf_watchdog_task igbvf_set_interrupt_capability igbvf_request_irq
e1000_reset_hw_vf e1000_init_hw_vf e1000_check_for_link_vf
netif_carrier_on msleep usleep_range_state schedule_timeout
"
echo nop >$t/current_tracer
: >$t/set_ftrace_filter
for f in $funcs; do echo "$f" >>$t/set_ftrace_filter 2>/dev/null; done
diag "traced: $(tr '\n' ' ' <$t/set_ftrace_filter)"
echo 0 >$t/tracing_on
echo 8192 >$t/buffer_size_kb
echo mono >$t/trace_clock
echo 1 >$t/events/sriovnic_pf/enable 2>/dev/null

# bringup N TRACED: one bring-up of N VFs from none, as bringup-K.*.
k=0
bringup() {
	k=$((k + 1))
	set_numvfs 0
	sleep 2
	echo >$t/trace
	if [ "$2" = 1 ]; then
		echo function_graph >$t/current_tracer
		for o in abstime proc irqs; do
			echo 1 >$t/options/funcgraph-$o 2>/dev/null
		done
		echo 1 >$t/tracing_on
	fi
	python3 "$SNIC_DIR/tests/bench/bringup.py" "$(pf_pci 0)" "$1" \
		"/run/out/bringup-$k.vfs" |
		sed "s/^# bench: /# bench: bringup${1}_${2:+traced_}/"
	sleep 1
	echo 0 >$t/tracing_on
	[ "$2" = 1 ] && cp $t/trace "/run/out/bringup-$k.trace"
	grep -E "snicvf|igbvf|eth[0-9]" /proc/interrupts >"/run/out/bringup-$k.irqs"
	diag "$(cat /run/out/bringup-$k.vfs)"
}
# Untraced first (the times), then one traced (where they go).
vfs=${BENCH_VFS:-7 2 7}
for n in $vfs; do
	bringup "$n" ""
done
bringup "${vfs##* }" 1
echo nop >$t/current_tracer
: >$t/set_ftrace_filter
set_numvfs 0
ok "measured"
done_testing
