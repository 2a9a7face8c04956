// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the VF state blob's codec (pf/pf_vf_state.c), fed
 * with whole blobs as a destination PF gets them. An input of one byte
 * more than a blob, that byte odd, has its CRC fixed first, so that the
 * fuzzer reaches the field checks behind the CRC.
 *
 * fuzz-max-len: 160
 *
 * Invariants (abort on violation):
 * - decode refuses or returns a state that passes snic_vf_state_check()
 *   and stays within every array bound;
 * - a refusal is one of the documented errors and leaves the output alone;
 * - the blob is canonical: a state decoded from it encodes back to exactly
 *   the same bytes, and decodes again to the same state;
 * - a VF of another device id never takes it.
 */
#include "fuzz.h"

#include <linux/crc32.h>

#include "pf_vf_state.h"

#define VF_DEV	0x10ca

/* The CRC the codec expects in bytes 12-15 (see vf_state.h). */
static void fix_crc(u8 *b)
{
	u32 crc = crc32_le(~0U, b, 12);

	crc = ~crc32_le(crc, b + 16, SNIC_VF_STATE_LEN - 16);
	b[12] = crc;
	b[13] = crc >> 8;
	b[14] = crc >> 16;
	b[15] = crc >> 24;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct snic_vf_state s, again;
	u8 out[SNIC_VF_STATE_LEN], fixed[SNIC_VF_STATE_LEN];
	int err;

	if (size == SNIC_VF_STATE_LEN + 1 && data[SNIC_VF_STATE_LEN] & 1) {
		memcpy(fixed, data, SNIC_VF_STATE_LEN);
		fix_crc(fixed);
		data = fixed;
		size = SNIC_VF_STATE_LEN;
	}

	memset(&s, 0xa5, sizeof(s));
	err = snic_vf_state_decode(data, size, VF_DEV, &s);
	if (err) {
		FUZZ_CHECK(err == -EINVAL || err == -EPROTONOSUPPORT ||
			   err == -EMSGSIZE || err == -EBADMSG || err == -EXDEV);
		FUZZ_CHECK(s.uc_count == 0xa5 && s.ext_caps == 0xa5a5a5a5);
		return 0;
	}
	FUZZ_CHECK(size == SNIC_VF_STATE_LEN);
	FUZZ_CHECK(snic_vf_state_check(&s) == 0);
	FUZZ_CHECK(s.uc_count <= SNIC_VFS_MAX_UC && s.mc_count <= SNIC_VFS_MAX_MC &&
		   s.vlan_count <= SNIC_VFS_MAX_VLANS);
	FUZZ_CHECK(snic_vf_state_encode(&s, VF_DEV, out, sizeof(out)) ==
		   SNIC_VF_STATE_LEN);
	FUZZ_CHECK(!memcmp(out, data, SNIC_VF_STATE_LEN));
	memset(&again, 0, sizeof(again));
	FUZZ_CHECK(snic_vf_state_decode(out, sizeof(out), VF_DEV, &again) == 0);
	FUZZ_CHECK(!memcmp(again.mac, s.mac, sizeof(s.mac)) &&
		   again.uc_count == s.uc_count && again.mc_count == s.mc_count &&
		   again.vlan_count == s.vlan_count &&
		   again.max_frame == s.max_frame && again.ext_caps == s.ext_caps);
	FUZZ_CHECK(snic_vf_state_decode(data, size, VF_DEV + 1, &again) == -EXDEV);
	return 0;
}
