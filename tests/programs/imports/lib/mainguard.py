def main():
    return "main called"


if __name__ == "__main__":
    print("run as a script")
else:
    print("imported as", __name__)
