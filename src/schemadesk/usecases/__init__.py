"""The use cases both front ends share: build a changing action, run it, audit it (no Qt).

The command line and the window only ask (confirmation, run-as) and render; what is built,
what is recorded and when (in a ``finally``, so a run that raises is recorded too) lives here.
"""
