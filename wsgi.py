from personalize import create_app

app = create_app()
