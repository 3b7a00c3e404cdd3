"""A civil servant's tasks of a quarter or month and their score (Nghị định 335/2025/NĐ-CP): the
task results are worth 70 of 100 points, each task measured by quantity, quality and timeliness;
each major error takes 25 % of that product's quality points, each delay 25 % of its timeliness
points. The decree's own form is not public to us: the shares of the three measures and the
penalty are the kind file's ([tasks]), so a unit corrects them without code."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Task:
    """One task (or product line) of the period."""
    name: str
    planned: int = 1          # products the task asks for
    done: int = 0             # products delivered
    major_errors: int = 0     # major errors found in the delivered products (quality)
    delays: int = 0           # products delivered late (timeliness)
    weight: float = 1.0       # its share among the period's tasks (1 = like the others)
    note: str = ""

    def problems(self) -> list[str]:
        """What makes the task's figures impossible, in Vietnamese ([] when none)."""
        out = []
        if not self.name.strip():
            out.append("chưa có tên nhiệm vụ")
        if self.planned < 1:
            out.append("số sản phẩm được giao phải từ 1 trở lên")
        if min(self.done, self.major_errors, self.delays) < 0:
            out.append("các số không được âm")
        if self.done > self.planned:
            out.append("số sản phẩm hoàn thành lớn hơn số được giao")
        if self.delays > self.done:
            out.append("số sản phẩm chậm tiến độ lớn hơn số đã hoàn thành")
        if self.weight <= 0:
            out.append("trọng số phải lớn hơn 0")
        return out


@dataclass(frozen=True)
class TaskScoring:
    """How tasks become points: the shares of quantity, quality and timeliness in a task's points,
    what one major error or one delay takes from a product's quality or timeliness points, and the
    points of all tasks together."""
    max_points: float = 70
    shares: tuple[float, float, float] = (1.0, 1.0, 1.0)   # quantity, quality, timeliness
    penalty: float = 0.25


@dataclass(frozen=True)
class TaskResult:
    quantity: float     # each in 0..1 of its share
    quality: float
    timeliness: float
    fraction: float     # 0..1 of the task's points


def task_result(task: Task, scoring: TaskScoring = TaskScoring()) -> TaskResult:
    """Each product is worth 1/planned of the task. Delivered products earn their quantity part;
    their quality part loses `penalty` per major error and their timeliness part `penalty` per
    delay (never below nothing); undelivered products earn nothing."""
    planned = max(task.planned, 1)
    done = min(max(task.done, 0), planned)
    quantity = done / planned
    quality = max(0.0, done - scoring.penalty * max(task.major_errors, 0)) / planned
    timeliness = max(0.0, done - scoring.penalty * max(task.delays, 0)) / planned
    sq, sl, st = scoring.shares
    total = sq + sl + st
    fraction = (sq * quantity + sl * quality + st * timeliness) / total if total > 0 else 0.0
    return TaskResult(quantity, quality, timeliness, fraction)


def tasks_points(tasks: list[Task], scoring: TaskScoring = TaskScoring()) -> float | None:
    """The task results' points (out of scoring.max_points), weighted by the tasks' weights and
    rounded to 0.01; None when there is no task."""
    weighted = [(max(t.weight, 0.0), task_result(t, scoring).fraction) for t in tasks]
    total_weight = sum(w for w, _ in weighted)
    if not weighted or total_weight <= 0:
        return None
    return round(scoring.max_points * sum(w * f for w, f in weighted) / total_weight, 2)


def task_points(task: Task, tasks: list[Task], scoring: TaskScoring = TaskScoring()) -> float:
    """One task's points within the period's (its weight's share of max_points times its fraction)."""
    total_weight = sum(max(t.weight, 0.0) for t in tasks) or 1.0
    return round(scoring.max_points * max(task.weight, 0.0) / total_weight * task_result(task, scoring).fraction, 2)


__all__ = ["Task", "TaskResult", "TaskScoring", "task_points", "task_result", "tasks_points"]
