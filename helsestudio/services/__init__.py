"""The Qt-free domain layer. Services own their transactions and raise DomainError subclasses."""
