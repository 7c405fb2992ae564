"""Running the per-article stages over many documents: in this process, or on a Dask cluster; and a
whole batch from sources to stories in a store."""

from storydiff.run.batch import BatchReport, run_batch
from storydiff.run.executor import DaskExecutor, Executor, LocalExecutor, analyse_chunk, executor_for

__all__ = ["BatchReport", "DaskExecutor", "Executor", "LocalExecutor", "analyse_chunk", "executor_for", "run_batch"]
