package org.portfolio.performance.domain;

public enum UploadFormat { JSON, CSV }
