namespace Platform.Identity.Keys;

public enum KeyPurpose
{
    /// <summary>Signs access and identity tokens; published in the JWKS.</summary>
    Signing,

    /// <summary>Encrypts what only the identity service reads back (authorization codes, refresh tokens); never published.</summary>
    Encryption,
}

/// <summary>
/// One key of the ring, as a self-signed certificate with its private key (PKCS #12, protected by the
/// configured password). It is published from when it is stored, used from <see cref="NotBefore"/>
/// (the newest valid key is the one used) and kept until <see cref="NotAfter"/>, by when every token
/// it signed has expired.
/// </summary>
public sealed class StoredKey
{
    public required string KeyId { get; init; }

    public required KeyPurpose Purpose { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public required byte[] Pkcs12 { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
