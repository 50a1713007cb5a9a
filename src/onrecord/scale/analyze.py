"""Analysis that survives bad documents: the one place a corpus run calls the spaCy pipeline."""
from __future__ import annotations

import ctypes
import os
import signal
import sys
from typing import Iterator

from ..errors import OnrecordError
from ..model import Analysis, Document

Result = tuple[Document, "Analysis | OnrecordError"]


def analyze_safely(documents: list[Document], *, n_process: int = 1, batch_size: int = 16, nlp=None) -> Iterator[Result]:
    """(document, analysis or E109 error) for each document, in order. spaCy's ``nlp.pipe`` stops
    at the first exception; then the next batch is redone one document at a time to find the
    culprit, and the stream resumes after it."""
    from ..nlp.pipeline import analyze_document, analyze_documents

    if n_process > 1:
        workers_die_with_parent()
    remaining = documents
    while remaining:
        done = 0
        try:
            for analysis in analyze_documents(remaining, nlp=nlp, n_process=n_process, batch_size=batch_size):
                yield remaining[done], analysis
                done += 1
            return
        except Exception:  # noqa: BLE001 - any component error is one document's failure
            suspects, remaining = remaining[done:done + batch_size], remaining[done + batch_size:]
            for document in suspects:
                try:
                    yield document, analyze_document(document, nlp=nlp)
                except Exception as error:  # noqa: BLE001
                    yield document, OnrecordError("E109", f"{document.source or document.id}: "
                                                          f"{type(error).__name__}: {error}")


PR_SET_PDEATHSIG = 1  # linux/prctl.h
_parent: list[int] = []


def workers_die_with_parent() -> None:
    """spaCy's worker processes (forked by ``nlp.pipe(n_process=N)``) wait on a queue forever when their
    parent is killed with SIGKILL, holding a pipeline each. From now on every child forked by this
    process asks Linux to kill it when the parent dies (prctl PR_SET_PDEATHSIG), and exits at once if
    the parent is already gone. Registered once per process; elsewhere than Linux, nothing changes."""
    if _parent or not sys.platform.startswith("linux"):
        return
    _parent.append(os.getpid())
    os.register_at_fork(before=lambda: _parent.__setitem__(0, os.getpid()), after_in_child=_die_with_parent)


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != _parent[0]:  # the parent died between fork and prctl
        os._exit(1)


def analyze_one(document: Document) -> Analysis:
    """One document's analysis in this process; a component error comes back as OnrecordError E109."""
    ((_, result),) = analyze_safely([document])
    if isinstance(result, OnrecordError):
        raise result
    return result


def pipeline_version() -> str:
    """The version stamped on analyses this pipeline makes (computed in ``nlp``)."""
    from ..nlp.pipeline import pipeline_version as version

    return version()
