# A module that raises during import is removed from sys.modules; importing again re-runs it.
import sys
sys.path.insert(0, sys.path[0] + "/pkgs")
for attempt in range(2):
    try:
        import broken_module
    except RuntimeError as e:
        print("attempt", attempt, type(e).__name__, e, "broken_module" in sys.modules)
