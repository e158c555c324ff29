if __name__ == "__main__":
    from reader.cli import main

    raise SystemExit(main())
