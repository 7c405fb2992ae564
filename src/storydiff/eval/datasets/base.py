"""Scoring on real third-party datasets, read in their published formats (`storydiff eval --dataset`).

Each dataset module registers one `DatasetEval`: a name, what it measures, and a function that
reads the dataset from a path and returns a `DatasetReport` — storydiff's figures beside a naive
baseline run the same way on the same items. Every set is split deterministically (a hash of each
item's id) into `dev`, the part we read errors from and tune on, and `test`, the part we only
score; `all` is both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from storydiff.config import Config
from storydiff.errors import ConfigError

__all__ = [
    "DatasetEval",
    "DatasetReport",
    "Figure",
    "Split",
    "dataset_names",
    "get_dataset",
    "in_split",
    "register_dataset",
]

Split = Literal["dev", "test", "all"]


def in_split(item_id: str, split: Split) -> bool:
    """A stable half of the items: the same item is always on the same side, whatever the order."""
    if split == "all":
        return True
    side = "dev" if int(hashlib.sha1(item_id.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "test"
    return side == split


@dataclass(frozen=True)
class Figure:
    """One measured figure, with the naive baseline's figure on the same items when there is one."""

    name: str
    value: float
    baseline: float | None = None
    count: int | None = None  # items or pairs it was measured on
    note: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "value": round(self.value, 4),
                "baseline": None if self.baseline is None else round(self.baseline, 4),
                "count": self.count, "note": self.note}


@dataclass
class DatasetReport:
    dataset: str
    split: Split
    figures: list[Figure] = field(default_factory=list)
    baseline: str = ""  # what the naive baseline is
    errors: list[str] = field(default_factory=list)  # only filled for the dev split

    def figure(self, name: str) -> Figure:
        for figure in self.figures:
            if figure.name == name:
                return figure
        raise KeyError(name)

    def to_dict(self) -> dict[str, object]:
        return {"dataset": self.dataset, "split": self.split, "baseline": self.baseline,
                "figures": [f.to_dict() for f in self.figures], "errors": self.errors}

    def to_text(self) -> str:
        lines = [f"{self.dataset} ({self.split} split)" + (f"; baseline: {self.baseline}" if self.baseline else ""),
                 f"{'figure':<38}{'storydiff':>10}{'baseline':>10}{'n':>8}"]
        for f in self.figures:
            base = f"{f.baseline:>10.3f}" if f.baseline is not None else f"{'—':>10}"
            count = f"{f.count:>8}" if f.count is not None else f"{'':>8}"
            lines.append(f"{f.name:<38}{f.value:>10.3f}{base}{count}" + (f"  {f.note}" if f.note else ""))
        if self.errors:
            lines.append(f"\n{len(self.errors)} error(s) (dev split only):")
            lines.extend(f"  - {e}" for e in self.errors[:40])
            if len(self.errors) > 40:
                lines.append(f"  … {len(self.errors) - 40} more")
        return "\n".join(lines)


Runner = Callable[[Path, Split, Config, "int | None"], DatasetReport]


@dataclass(frozen=True)
class DatasetEval:
    name: str
    description: str
    run: Runner
    default_path: str  # the folder under ../shared/devdata


_REGISTRY: dict[str, DatasetEval] = {}


def register_dataset(dataset: DatasetEval) -> None:
    _REGISTRY[dataset.name] = dataset


def dataset_names() -> tuple[str, ...]:
    _load_builtin()
    return tuple(sorted(_REGISTRY))


def get_dataset(name: str) -> DatasetEval:
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError as exc:
        raise ConfigError(f"unknown dataset {name!r}; known: {', '.join(sorted(_REGISTRY))}") from exc


def _load_builtin() -> None:
    """Import the dataset modules (each registers itself) on first use, not at `import storydiff`."""
    import importlib
    import pkgutil

    import storydiff.eval.datasets as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "base" and not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")
