"""StudyQA: ask questions of Chinese study-session records (集中学习记录).

    from rag import search
    hits = search("应急物资保障要遵循哪些原则？", k=5)
    for h in hits: print(h.date, h.topic, h.text)

Data flows one way: files -> Session (records) -> Passage (passages) -> vectors (embeddings)
-> index (store, indexer) -> Hit (search)."""
from .indexer import BuildReport, update_index
from .search import Searcher, default_index_dir, default_seeds_dir, get_searcher, search
from .store import IndexCorrupt, IndexNotFound, IndexTooNew, ModelMismatch, PassageIndex, StudyQAError
from .types import FileProblem, Hit, Passage, Session

__all__ = [
    "search", "Searcher", "get_searcher", "update_index", "BuildReport", "default_index_dir",
    "default_seeds_dir", "PassageIndex", "StudyQAError", "IndexNotFound", "IndexCorrupt", "IndexTooNew",
    "ModelMismatch", "Hit", "Passage", "Session", "FileProblem",
]
