// Placeholder until the libssh transport lands.
