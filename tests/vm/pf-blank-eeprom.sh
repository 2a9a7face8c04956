#!/bin/bash
# proves: a register that reads all-ones while the device is alive (receive address 0 of a blank EEPROM, 0xFFFFFFFF) is data, not a dead device: sriovnic_pf probes with a random address, logs no "device gone", creates and removes VFs, the VFs ping and take administrative settings
# requires: pf=sriovnic
# vm: mac0=ff:ff:ff:ff:ff:ff
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0) || bail "no PF netdev: the PF gave up on an all-ones read"
diag "PF $pf, address $(cat "/sys/class/net/$pf/address")"
check "the blank address is reported" sh -c "dmesg | grep -q 'invalid MAC address ff:ff:ff:ff:ff:ff'"
check_fails "the PF address is not the all-ones one" \
	grep -qi ff:ff:ff:ff:ff:ff "/sys/class/net/$pf/address"
check "PF link comes up" pf_up 0 10.0.0.1/24
check "enable 2 VFs" enable_vfs 2
check "set VF 0's MAC" ip link set "$pf" vf 0 mac 02:00:00:00:00:10
check "VF 0 comes up in a namespace" vf_to_ns 0 nsa 10.0.0.10/24
check "VF 1 comes up in a namespace" vf_to_ns 1 nsb 10.0.0.11/24
check "VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11
check "VF 1 -> PF ping" ping_retry nsb 10.0.0.1
check "ip link set vf 1 vlan 0 qos 0 works" ip link set "$pf" vf 1 vlan 0 qos 0
check "disable SR-IOV" set_numvfs 0
check "enable 1 VF again" set_numvfs 1
check "disable SR-IOV again" set_numvfs 0
check_fails "nothing says the device is gone" \
	sh -c "dmesg | grep -Eiq 'not responding|all-ones|set-up failed|probe.*failed'"
done_testing
