"""The command line: parse arguments, call the library, render.

No logic of its own; may import anything.
"""
