"""A module that holds an object with a finalizer until the interpreter's end."""
