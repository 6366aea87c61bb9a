#!/usr/bin/env python3
"""Prints file hashes computed by the real hf_xet (hf_xet.hash_files) for generated inputs.

The values are pasted into tests/unit/common/xet_client_vectors_test.cpp, which regenerates the
same inputs and checks our chunker + Merkle + file hash against them. Not run at test time (it
needs the compat venv). Usage:
  ~/.cache/hfhub/compat-python/hub-2.4.0-*/bin/python tests/xet/hf_xet_vectors.py
"""
import os
import tempfile

import hf_xet

MASK = (1 << 64) - 1


def splitmix(n, seed):
    out = bytearray()
    state = seed
    while len(out) < n:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        out += z.to_bytes(8, "little")
    return bytes(out[:n])


def inputs():
    yield "splitmix(1000000, 0)", splitmix(1000000, 0)
    yield "splitmix(10000000, 1)", splitmix(10000000, 1)
    yield "constant(1000000, 59)", bytes([59]) * 1000000
    for n in (1, 8191, 8192, 8193, 131072, 131073, 262144):
        yield f"splitmix({n}, 2)", splitmix(n, 2)
    # Repeated blocks: dedup inside one file changes nothing in its hash.
    block = splitmix(300000, 3)
    yield "splitmix(300000, 3) x 4", block * 4


def main():
    with tempfile.TemporaryDirectory() as d:
        for name, data in inputs():
            path = os.path.join(d, "f")
            with open(path, "wb") as f:
                f.write(data)
            info = hf_xet.hash_files([path])[0]
            print(f'{{"{name}", {len(data)}, "{info.hash}"}},')


main()
