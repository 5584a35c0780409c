"""placeholder until the CLI lands"""
def main():
    raise SystemExit("not yet")
