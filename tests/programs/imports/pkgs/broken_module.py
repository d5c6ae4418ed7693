print("broken_module starts")
value = 1
raise RuntimeError("broken_module fails during import")
