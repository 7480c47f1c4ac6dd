"""Offline sentence embeddings for StudyQA (default: multilingual-e5-small from registry packages)."""
from .encoder import DEFAULT_MODEL, Encoder, ModelLoadError, load_encoder

__all__ = ["DEFAULT_MODEL", "Encoder", "ModelLoadError", "load_encoder"]
