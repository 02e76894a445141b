"""The error every course command reports as one sentence (coursetools/__main__.py prints it, exit 2)."""


class CourseError(RuntimeError):
    """Something an instructor can fix, said in one sentence: no traceback, nothing changed."""
