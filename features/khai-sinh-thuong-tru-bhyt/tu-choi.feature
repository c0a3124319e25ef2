# language: vi
Tính năng: Khai sinh, thường trú, thẻ BHYT — từ chối có lý do bằng văn bản

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001195004321"
    Và dữ liệu hồ sơ:
      | ho_ten_tre      | Nguyễn Minh An |
      | ngay_sinh_tre   | 20/02/2025     |
      | gioi_tinh       | nam            |
      | ho_ten_me       | Trần Thị Mai   |
      | so_dinh_danh_me | 001195004321   |

  Kịch bản: Không đủ điều kiện đăng ký khai sinh: văn bản từ chối nêu rõ lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | khong_dat                              |
      | ly_do             | Trẻ đã được đăng ký khai sinh tại xã khác |
    Và "Bộ phận Một cửa" thử hoàn thành "từ chối giải quyết"
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bộ phận Một cửa" hoàn thành "từ chối giải quyết" với:
      | ly_do | Trẻ đã được đăng ký khai sinh tại xã khác |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "đã được đăng ký khai sinh"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và hồ sơ có kết quả đúng hẹn
    Và hồ sơ không còn chờ gì
    Và hồ sơ không đi qua "Chuyển hồ sơ đăng ký thường trú sang Công an"

  Kịch bản: Từ chối tiếp nhận phải nêu lý do (Mẫu 03)
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | tu_choi |
    Và "Bộ phận Một cửa" thử hoàn thành "Phiếu từ chối tiếp nhận"
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bộ phận Một cửa" hoàn thành "Phiếu từ chối tiếp nhận" với:
      | ly_do | Trẻ trên 6 tuổi, không thuộc nhóm thủ tục liên thông này |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "trên 6 tuổi"
    Và đã lập "Mẫu 03" 1 lần
    Và trạng thái hồ sơ trên Cổng DVC là "Không được tiếp nhận"

  Kịch bản: Công an không được gửi kết quả thẻ BHYT thay BHXH
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Kiểm tra, xác minh" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo UBND cấp xã" hoàn thành "Ký khai sinh" với:
      | quyet_dinh | dong_y |
    Và "Công chức Tư pháp - Hộ tịch" hoàn thành "Ghi Sổ đăng ký khai sinh" (nếu có) với:
      | so_dang_ky | 15/2025 |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Công an"
    Và "Công an" trả lời "Kết quả đăng ký thường trú" với:
      | ket_qua_cu_tru | da_dang_ky |
    Và "Bộ phận Một cửa" chuyển hồ sơ sang "Bảo hiểm xã hội"
    Và "Công an" thử gửi "Kết quả cấp thẻ BHYT" với:
      | ma_so_bhxh | 3125099999 |
    Thì thao tác bị từ chối
    Và hồ sơ chờ ở "thẻ BHYT"
