"""The fitted model of one shop: pruned item-to-item tables, per-item vectors, blend
parameters and metadata, stored as a NumPy archive without pickled objects."""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .components import TopK

FORMAT_VERSION = 1
# Tables blended for "recommended for you"; "similar" and "bought_together" serve their widgets.
PERSONAL_TABLES = ("ease", "knn", "content", "copurchase")
# a blend component stored under another table's name (one copy serves both uses)
TABLE_KEY = {"copurchase": "bought_together"}
WIDGET_TABLES = ("similar", "bought_together")


def table_key(component: str) -> str:
    return TABLE_KEY.get(component, component)


@dataclass
class ShopModel:
    item_ids: np.ndarray  # unicode array, position = item index
    tables: dict[str, TopK]
    vectors: dict[str, np.ndarray]  # per-item float32: popularity, trending, repeat_days, repeat_count
    params: dict[str, Any]  # blend weights and half-lives used by serving
    meta: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, int] | None = field(default=None, repr=False, compare=False)

    @property
    def n_items(self) -> int:
        return len(self.item_ids)

    @property
    def index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {v: k for k, v in enumerate(self.item_ids.tolist())}
        return self._index

    @property
    def nbytes(self) -> int:
        total = self.item_ids.nbytes
        total += sum(t.idx.nbytes + t.score.nbytes for t in self.tables.values())
        total += sum(v.nbytes for v in self.vectors.values())
        return int(total)

    def to_bytes(self) -> bytes:
        arrays: dict[str, np.ndarray] = {"item_ids": np.asarray(self.item_ids, dtype=str)}
        for name, table in self.tables.items():
            arrays[f"table.{name}.idx"] = table.idx
            arrays[f"table.{name}.score"] = table.score
        for name, vec in self.vectors.items():
            arrays[f"vector.{name}"] = vec
        header = {"format": FORMAT_VERSION, "params": self.params, "meta": self.meta}
        arrays["header"] = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
        buf = io.BytesIO()
        np.savez_compressed(buf, allow_pickle=False, **arrays)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, payload: bytes) -> ShopModel:
        with np.load(io.BytesIO(payload), allow_pickle=False) as archive:
            header = json.loads(archive["header"].tobytes().decode("utf-8"))
            if header.get("format") != FORMAT_VERSION:
                raise ValueError(f"unsupported model format {header.get('format')!r}")
            tables: dict[str, TopK] = {}
            vectors: dict[str, np.ndarray] = {}
            for key in archive.files:
                parts = key.split(".")
                if parts[0] == "table" and parts[2] == "idx":
                    tables[parts[1]] = TopK(archive[key], archive[f"table.{parts[1]}.score"])
                elif parts[0] == "vector":
                    vectors[parts[1]] = archive[key]
            item_ids = archive["item_ids"]
        return cls(item_ids=item_ids, tables=tables, vectors=vectors, params=header["params"], meta=header["meta"])
