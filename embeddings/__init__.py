"""Offline sentence embeddings for StudyQA (default: multilingual-e5-small, int8, from registry packages)."""
from .encoder import DEFAULT_MODEL, FLOAT_MODEL, INT8_MODEL, Encoder, ModelLoadError, load_encoder, model_build

__all__ = ["DEFAULT_MODEL", "FLOAT_MODEL", "INT8_MODEL", "Encoder", "ModelLoadError", "load_encoder",
           "model_build"]
