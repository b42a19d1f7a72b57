FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
# every package pyproject.toml declares: pip refuses a declared package that is missing
COPY ontology ontology
COPY loaders loaders
COPY graph graph
COPY ingest ingest
COPY queries queries
COPY api api
COPY browser browser
COPY fetch fetch
COPY training training
COPY accuracy accuracy
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["ikg", "serve", "--host", "0.0.0.0", "--port", "8000"]
