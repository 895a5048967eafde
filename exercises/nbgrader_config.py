"""nbgrader configuration of the course (run nbgrader commands from this folder)."""

c = get_config()  # noqa: F821  (provided by nbgrader's config loader)

c.CourseDirectory.course_id = "ngoaivu"
# The gradebook: SQLite in this folder by default; any SQLAlchemy URL works.
# c.CourseDirectory.db_url = "postgresql://user:password@localhost/ngoaivu"
