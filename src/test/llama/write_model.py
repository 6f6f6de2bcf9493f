#!/usr/bin/env python3
"""Writes a small random-weight llama-architecture GGUF for the real-server test tier.

The weights are N(0, 0.02) in f16 from a fixed seed, so every machine writes the same file. The vocabulary
is Llama-2's SPM vocabulary, copied field by field from a vocabulary-only GGUF of the llama.cpp tree. The
model is meant for speed measurements only: its output is noise and it almost never samples EOS.

Needs llama.cpp's gguf-py on PYTHONPATH and numpy.
"""
import argparse
import sys

import numpy as np
import gguf

ARCH = "llama"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--vocab", required=True, help="a vocabulary-only GGUF (models/ggml-vocab-llama-spm.gguf)")
    p.add_argument("--out", required=True, help="the GGUF file to write")
    p.add_argument("--embedding", type=int, default=512)
    p.add_argument("--layers", type=int, default=8)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--feed-forward", type=int, default=1408)
    p.add_argument("--context", type=int, default=4096)
    p.add_argument("--seed", type=int, default=20240611)
    args = p.parse_args(argv)
    if args.embedding % args.heads != 0:
        p.error(f"--embedding: must be a multiple of --heads ({args.heads}), but was {args.embedding}")
    return args


def copy_tokenizer(vocab_path, writer):
    """Copies every tokenizer.* field of the vocabulary file; returns the vocabulary size."""
    reader = gguf.GGUFReader(vocab_path)
    size = None
    for field in reader.fields.values():
        if not field.name.startswith("tokenizer."):
            continue
        main = field.types[0]
        sub = field.types[-1] if main == gguf.GGUFValueType.ARRAY else None
        value = field.contents()
        writer.add_key_value(field.name, value, main, sub_type=sub)
        if field.name == gguf.Keys.Tokenizer.LIST:
            size = len(value)
    if size is None:
        raise SystemExit(f"--vocab: must hold {gguf.Keys.Tokenizer.LIST}, but {vocab_path} has none")
    return size


def main(argv):
    a = parse_args(argv)
    writer = gguf.GGUFWriter(a.out, ARCH)
    writer.add_name("benchy random llama")
    vocab = copy_tokenizer(a.vocab, writer)
    head_dim = a.embedding // a.heads
    writer.add_vocab_size(vocab)
    writer.add_context_length(a.context)
    writer.add_embedding_length(a.embedding)
    writer.add_block_count(a.layers)
    writer.add_feed_forward_length(a.feed_forward)
    writer.add_head_count(a.heads)
    writer.add_head_count_kv(a.heads)
    writer.add_rope_dimension_count(head_dim)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16)

    rng = np.random.default_rng(a.seed)

    def weight(rows, cols):  # numpy shape (rows, cols) is GGUF's [cols, rows]: cols is the input width
        return (rng.standard_normal((rows, cols), dtype=np.float32) * 0.02).astype(np.float16)

    def norm():
        return np.ones(a.embedding, dtype=np.float32)

    e, f = a.embedding, a.feed_forward
    writer.add_tensor("token_embd.weight", weight(vocab, e))
    for i in range(a.layers):
        blk = f"blk.{i}"
        writer.add_tensor(f"{blk}.attn_norm.weight", norm())
        writer.add_tensor(f"{blk}.attn_q.weight", weight(e, e))
        writer.add_tensor(f"{blk}.attn_k.weight", weight(e, e))
        writer.add_tensor(f"{blk}.attn_v.weight", weight(e, e))
        writer.add_tensor(f"{blk}.attn_output.weight", weight(e, e))
        writer.add_tensor(f"{blk}.ffn_norm.weight", norm())
        writer.add_tensor(f"{blk}.ffn_gate.weight", weight(f, e))
        writer.add_tensor(f"{blk}.ffn_up.weight", weight(f, e))
        writer.add_tensor(f"{blk}.ffn_down.weight", weight(e, f))
    writer.add_tensor("output_norm.weight", norm())
    writer.add_tensor("output.weight", weight(vocab, e))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    params = vocab * e * 2 + a.layers * (4 * e * e + 3 * e * f + 2 * e) + e
    print(f"wrote {a.out}: {params / 1e6:.1f}M parameters, vocabulary {vocab}, seed {a.seed}")


if __name__ == "__main__":
    main(sys.argv[1:])
