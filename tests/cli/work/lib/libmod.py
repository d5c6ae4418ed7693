print("libmod imported from PYTHONPATH")
