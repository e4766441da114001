"""The prefetch thread: bounded reads, ordering, errors, shutdown."""

import itertools
import threading
import time

import pytest

from kerasish.trainers.data.prefetch import Prefetcher


def test_reads_only_what_is_allowed():
    reads = []

    def source():
        for i in itertools.count():
            reads.append(i)
            yield i

    p = Prefetcher(source(), lambda v: v * 10)
    p.allow(3)
    assert [p.get() for _ in range(3)] == [0, 10, 20]
    time.sleep(0.05)
    assert reads == [0, 1, 2]
    assert p.get() == 30  # get() past the allowance asks for one more
    p.close()


def test_end_and_errors_reach_the_caller():
    p = Prefetcher(iter([1, 2]), lambda v: v)
    p.allow(None)
    assert [p.get(), p.get()] == [1, 2]
    with pytest.raises(StopIteration):
        p.get()
    with pytest.raises(StopIteration):
        p.get()

    def failing():
        yield 1
        raise OSError("disk")

    p = Prefetcher(failing(), lambda v: v)
    p.allow(None)
    assert p.get() == 1
    with pytest.raises(OSError, match="disk"):
        p.get()


def test_convert_errors_reach_the_caller():
    def convert(v):
        raise ValueError(f"bad {v}")

    p = Prefetcher(iter([5]), convert)
    with pytest.raises(ValueError, match="bad 5"):
        p.get()


def test_close_stops_a_thread_blocked_on_a_full_queue():
    before = threading.active_count()
    p = Prefetcher(itertools.count(), lambda v: v, depth=1)
    p.allow(None)
    time.sleep(0.05)
    p.close()
    assert threading.active_count() == before
