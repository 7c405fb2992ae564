"""Real third-party datasets, scored in their published formats beside a naive baseline."""

from storydiff.eval.datasets.base import (
    DatasetEval,
    DatasetReport,
    Figure,
    Split,
    dataset_names,
    get_dataset,
    in_split,
    register_dataset,
)

__all__ = ["DatasetEval", "DatasetReport", "Figure", "Split", "dataset_names", "get_dataset", "in_split",
           "register_dataset"]
