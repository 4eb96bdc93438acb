"""The instructor's side of the exercises: release the student copies, grade a class.

Nothing here runs in a learner's kernel. ``release`` turns ``solutions/`` into ``exercises/``;
``grade`` runs each submission's code in a sandboxed kernel (:mod:`.sandbox`, :mod:`.kernel`)
that sees only the harness, and judges what comes back in this process (:mod:`.session`), then
writes the gradebook, feedback and the class report (:mod:`.grader`, :mod:`.feedback`,
:mod:`.report`). Needs the ``course`` extra (nbformat, jupyter_client, ipykernel).
"""
