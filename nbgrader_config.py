"""nbgrader configuration of the course (nbgrader 0.9.6).

Every path is relative to this file's folder, so the course works wherever it
is cloned. `python3 course.py --help` wraps the day-to-day commands; plain
`nbgrader ...` run from this folder reads the same settings.
"""
import os

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

HERE = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = HERE
c.CourseDirectory.course_id = "token-embeddings"
# The embedded SQLite gradebook; set NBGRADER_DB_URL for PostgreSQL with many graders.
from coursetools.course import sqlite_url  # noqa: E402

c.CourseDirectory.db_url = os.environ.get("NBGRADER_DB_URL") or sqlite_url(HERE)
# Only notebooks are assignments; the helper module shipped beside them is copied along.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]

# Release stubs: the def line and docstring stay outside the solution region.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograding that survives what students hand in, and decides every grade
# outside the student's kernel (coursetools/autograding.py, coursetools/judging.py):
# graded cells back in release order; the kernel runs in a bubblewrap sandbox and
# only hands back answers; the grader judges them and writes each test cell's outputs.
from coursetools import limits  # noqa: E402
from coursetools.autograding import WARNINGS_ONLY  # noqa: E402

limits.check_order()

c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "coursetools.autograding.DeduplicateGradeIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "coursetools.autograding.RestoreOrder",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "coursetools.judging.PrepareAnswers",
    "coursetools.pruning.PruneCourseCells",
    "coursetools.autograding.GradingExecute",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "coursetools.judging.JudgeAnswers",
    "nbgrader.preprocessors.IgnorePattern",
    "nbgrader.preprocessors.LimitOutput",
    "coursetools.judging.SaveVerdicts",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = WARNINGS_ONLY

# Grading kernels run sandboxed; `course.py grade --unsandboxed` sets COURSE_UNSANDBOXED=1
# (the report and the command's output then say so).
c.GradingExecute.sandboxed = os.environ.get("COURSE_UNSANDBOXED", "0") != "1"
# Deadlines (coursetools/limits.py): every cell gets one, hidden test cells a shorter
# one derived from their number of calls; an endless loop costs that cell only.
c.Execute.timeout = limits.CELL_SECONDS
c.Execute.interrupt_on_timeout = True
c.Execute.startup_timeout = limits.STARTUP_SECONDS
# The notebook is done when its last cell is: kill the kernel instead of waiting for a graceful exit.
c.Execute.shutdown_kernel = "immediate"
# A deleted or retyped test cell is restored from the gradebook and graded, not left for manual grading.
c.OverwriteCells.add_missing_cells = True
# Megabytes of printed output are cut before they reach the gradebook or feedback.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 60

# Feedback: show each failed hidden check's message, never the hidden test
# source, a mark scheme or traceback lines from the checks.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "coursetools.feedback.SanitizeFeedback",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Feedback page (coursetools/feedback.py): the course's "feedback" template is found first, so formulas
# render offline (KaTeX inlined), long lines wrap, and an ungraded hand-graded part reads "not graded yet".
# Set only the folders, never HTMLExporter.template_name: Formgrader renders its own template through it.
from coursetools.feedback import TEMPLATE_DIRS  # noqa: E402

c.HTMLExporter.extra_template_basedirs = TEMPLATE_DIRS
# The same page, written faster: large inlined assets skip HTMLExporter's accessibility pass.
c.GenerateFeedback.exporter_class = "coursetools.feedback.FeedbackExporter"

# Due dates and the late penalty (coursetools/deadlines.py): 10% of a notebook's score per started day late.
c.Deadlines.due = {}   # e.g. {"01_lookup": "2027-01-15 17:00 UTC"}
c.AssignLatePenalties.plugin_class = "coursetools.deadlines.LatePenalty"
c.LatePenalty.percent_per_day = 10.0

# LMS downloads for nbgrader zip_collect (coursetools/lms.py): Canvas, Blackboard, Moodle file names.
c.ZipCollectApp.collector_plugin = "coursetools.lms.LmsFileNames"
