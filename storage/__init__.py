"""Where records live: the encrypted database, its migrations, keys, audit chain and service functions."""
