"""nbgrader configuration of the course (run nbgrader commands from this folder)."""

c = get_config()  # noqa: F821  (provided by nbgrader's config loader)

c.CourseDirectory.course_id = "ngoaivu"
# The gradebook: SQLite in this folder by default; any SQLAlchemy URL works.
# c.CourseDirectory.db_url = "postgresql://user:password@localhost/ngoaivu"

# What replaces the solutions in the trainees' copy. Answer cells keep their
# template (plain data with empty values) above the solution block, so the stub
# must be harmless when run; written answers get a Vietnamese prompt.
c.ClearSolutions.code_stub = {"python": "# ▲ Điền vào mẫu ở trên rồi chạy ô này (Shift + Enter)."}
c.ClearSolutions.text_stub = "Viết câu trả lời của bạn vào đây."
