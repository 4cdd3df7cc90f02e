using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Identity.Keys;

/// <summary>Makes a key of the ring: RSA 2048 in a self-signed certificate valid for the key's time.</summary>
public static class KeyMaker
{
    public static StoredKey Make(KeyPurpose purpose, DateTimeOffset notBefore, DateTimeOffset notAfter, string password, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=platform identity {purpose.ToString().ToLowerInvariant()} key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            purpose == KeyPurpose.Signing ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return new StoredKey
        {
            KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Purpose = purpose,
            NotBefore = notBefore,
            NotAfter = notAfter,
            Pkcs12 = certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password),
            CreatedAt = now,
        };
    }

    public static X509Certificate2 Open(StoredKey key, string password) =>
        X509CertificateLoader.LoadPkcs12(key.Pkcs12, password, X509KeyStorageFlags.EphemeralKeySet);
}
