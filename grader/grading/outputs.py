"""``CapOutputBytes``: cap cell outputs by size in bytes (nbgrader's LimitOutput counts lines only)."""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

from grader.messages import t


class CapOutputBytes(NbGraderPreprocessor):
    """Truncate any output larger than ``max_bytes`` and drop outputs beyond ``max_total_bytes`` per notebook."""

    max_bytes = Integer(100_000, help="Largest single output kept, in bytes (UTF-8).").tag(config=True)
    max_total_bytes = Integer(2_000_000, help="Largest total of outputs kept per notebook, in bytes.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: Any) -> tuple[NotebookNode, Any]:
        self._total = 0
        return super().preprocess(nb, resources)

    def _size(self, output: NotebookNode) -> int:
        parts = [output.get("text", ""), output.get("evalue", ""), *output.get("traceback", [])]
        parts += [v if isinstance(v, str) else str(v) for v in output.get("data", {}).values()]
        return sum(len(p.encode("utf-8", "replace")) for p in parts if isinstance(p, str))

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        if cell.cell_type != "code":
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            size = self._size(output)
            if size > self.max_bytes or self._total + size > self.max_total_bytes:
                note = t("grading.output_truncated", size=size, limit=self.max_bytes)
                if output.get("output_type") == "error":
                    output.evalue = output.get("evalue", "")[: self.max_bytes // 2]
                    output.traceback = [tb[: self.max_bytes // 4] for tb in output.get("traceback", [])[:20]]
                    kept.append(output)
                    kept.append(NotebookNode(output_type="stream", name="stderr", text=note + "\n"))
                elif output.get("output_type") == "stream":
                    head = output.get("text", "").encode("utf-8", "replace")[: self.max_bytes // 2]
                    output.text = head.decode("utf-8", "ignore") + "\n" + note + "\n"
                    kept.append(output)
                else:
                    kept.append(NotebookNode(output_type="stream", name="stderr", text=note + "\n"))
                self._total += min(size, self.max_bytes)
            else:
                kept.append(output)
                self._total += size
        cell.outputs = kept
        return cell, resources
