"""The published corpus on demand: a manifest of Ofsted's report files, and a downloader for it."""
