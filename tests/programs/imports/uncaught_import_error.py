# An uncaught ModuleNotFoundError at the top of a program.
print("before")
import definitely_not_a_module_name
