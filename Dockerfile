FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY ontology ontology
COPY loaders loaders
COPY graph graph
COPY queries queries
COPY api api
COPY browser browser
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["ikg", "serve", "--host", "0.0.0.0", "--port", "8000"]
